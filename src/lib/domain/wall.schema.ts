import { z } from 'zod';
import { visibilities } from './polls';
import { plainText } from './text';
import { uuid } from './validate';
import { ANSWER_MAX, ANSWER_MAX_FLOOR, ANSWERS_PER_PARTICIPANT_MAX, answerStates, PROMPT_MAX, wallSorts, type WallSettings } from './wall';

/** What moderators and phones send about open-text walls, validated on the server. */

const settings = {
	prompt: plainText('prompt', PROMPT_MAX).min(1, 'prompt must not be empty'),
	maxChars: z.number().int().min(ANSWER_MAX_FLOOR).max(ANSWER_MAX),
	maxAnswers: z.number().int().min(1).max(ANSWERS_PER_PARTICIPANT_MAX),
	moderation: z.boolean(),
	upvotes: z.boolean(),
	sort: z.enum(wallSorts),
	visibility: z.enum(visibilities)
};

export const wallInput = z.strictObject({
	prompt: settings.prompt,
	maxChars: settings.maxChars.default(ANSWER_MAX),
	maxAnswers: settings.maxAnswers.default(3),
	moderation: settings.moderation.default(false),
	upvotes: settings.upvotes.default(true),
	sort: settings.sort.default('newest'),
	visibility: settings.visibility.default('live')
}) satisfies z.ZodType<WallSettings, unknown>;

/** Only the fields sent change. Which of them may change once answers can exist is the service's rule. */
export const wallPatch = z
	.strictObject(settings)
	.partial()
	.refine((p) => Object.keys(p).length > 0, 'send at least one setting to change') satisfies z.ZodType<Partial<WallSettings>, unknown>;

export const answerInput = z.strictObject({
	/** Chosen by the phone: a retried answer is the same answer, never a second one. */
	id: uuid,
	text: plainText('answer', ANSWER_MAX).min(1, 'answer must not be empty')
});

export const answerVoteInput = z.strictObject({
	/** The vote wanted after this action: 1 upvoted, 0 not. Setting (not toggling) makes retries harmless. */
	value: z.union([z.literal(1), z.literal(0)]),
	submissionId: uuid
});

export const answerModerationInput = z.strictObject({
	state: z.enum(answerStates)
});
