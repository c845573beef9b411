import { z } from 'zod';
import { uuid } from './validate';

/** What the stage display shows. The moderator decides; the stage only follows. */
/** join: code and QR; question/results: a poll; qa: the highlighted question and the top questions. */
export const stageModes = ['join', 'question', 'results', 'qa'] as const;
export type StageMode = (typeof stageModes)[number];

export interface StageState {
	mode: StageMode;
	pollId: string | null;
}

export const stageInput = z
	.strictObject({
		mode: z.enum(stageModes),
		pollId: uuid.nullable().default(null)
	})
	.refine((s) => s.mode === 'join' || s.mode === 'qa' || s.pollId !== null, {
		message: 'a poll must be chosen to show a question or results',
		path: ['pollId']
	});
