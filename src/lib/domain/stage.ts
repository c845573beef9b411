import { z } from 'zod';
import { uuid } from './validate';

/**
 * What the stage display shows. The moderator decides; the stage only follows.
 * join: code and QR; qa: the highlighted question and the top questions; prompt: an activity's
 * prompt (a poll's question and options, a cloud's prompt…) without its results; results: the
 * activity with its results, as far as its visibility rule lets the stage see them.
 */
export const stageModes = ['join', 'qa', 'prompt', 'results'] as const;
export type StageMode = (typeof stageModes)[number];

export interface StageState {
	mode: StageMode;
	/** The activity shown (modes prompt and results), of any kind. */
	activityId: string | null;
}

/**
 * Before activities were one kind of thing, polls had their own stage modes (question, results
 * with `pollId`) and clouds and walls theirs (cloud, wall with `activityId`). Those requests keep
 * working: they name the same states.
 */
const legacyModes = ['question', 'cloud', 'wall'] as const;

export const stageInput = z
	.strictObject({
		mode: z.enum([...stageModes, ...legacyModes]),
		activityId: uuid.nullable().default(null),
		pollId: uuid.nullable().default(null)
	})
	.transform(({ mode, activityId, pollId }) => ({
		mode: mode === 'question' ? 'prompt' : mode === 'cloud' || mode === 'wall' ? 'results' : mode,
		activityId: activityId ?? pollId
	}))
	.refine((s) => !(s.mode === 'prompt' || s.mode === 'results') || s.activityId !== null, {
		message: 'an activity must be chosen to show it',
		path: ['activityId']
	});

/** Keeps the id only where the mode uses it, so the stored state never points at a thing not shown. */
export function stageShows(s: StageState): StageState {
	const shown = s.mode === 'prompt' || s.mode === 'results';
	return { mode: s.mode, activityId: shown ? s.activityId : null };
}
