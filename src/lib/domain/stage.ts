import { z } from 'zod';
import { uuid } from './validate';

/**
 * What the stage display shows. The moderator decides; the stage only follows.
 * join: code and QR; question/results: a poll; qa: the highlighted question and the top questions;
 * cloud: a word cloud; wall: an open-text wall.
 */
export const stageModes = ['join', 'question', 'results', 'qa', 'cloud', 'wall'] as const;
type StageMode = (typeof stageModes)[number];

/** Activities besides polls that phones answer and the stage shows. */
export type ActivityKind = 'wordcloud' | 'wall';

export interface StageState {
	mode: StageMode;
	pollId: string | null;
	/** The word cloud (mode cloud) or wall (mode wall) shown. */
	activityId: string | null;
}

export const stageInput = z
	.strictObject({
		mode: z.enum(stageModes),
		pollId: uuid.nullable().default(null),
		activityId: uuid.nullable().default(null)
	})
	.refine((s) => !(s.mode === 'question' || s.mode === 'results') || s.pollId !== null, {
		message: 'a poll must be chosen to show a question or results',
		path: ['pollId']
	})
	.refine((s) => !(s.mode === 'cloud' || s.mode === 'wall') || s.activityId !== null, {
		message: 'a word cloud or wall must be chosen to show it',
		path: ['activityId']
	});

/** Keeps only the id the mode uses, so the stored state never points at two things. */
export function stageShows(s: StageState): StageState {
	const poll = s.mode === 'question' || s.mode === 'results';
	const activity = s.mode === 'cloud' || s.mode === 'wall';
	return { mode: s.mode, pollId: poll ? s.pollId : null, activityId: activity ? s.activityId : null };
}
