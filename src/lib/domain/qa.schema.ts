import { z } from 'zod';
import { identityModes, NAME_MAX, QUESTION_MAX_LIMIT } from './qa';
import { plainText } from './text';
import { uuid } from './validate';

/** What phones and moderators send about Q&A, validated on the server. */

export const askInput = z.strictObject({
	/** Chosen by the phone: a retried ask is the same question, never a second one. */
	id: uuid,
	text: plainText('question', QUESTION_MAX_LIMIT).min(1, 'question must not be empty'),
	name: plainText('name', NAME_MAX).nullable().optional()
});

export const questionVoteInput = z.strictObject({
	/** The vote wanted after this action: 1 up, -1 down, 0 none. Setting (not toggling) makes retries harmless. */
	value: z.union([z.literal(1), z.literal(0), z.literal(-1)]),
	submissionId: uuid
});

export const qaSettingsInput = z.strictObject({
	enabled: z.boolean(),
	premoderation: z.boolean(),
	identity: z.enum(identityModes),
	downvotes: z.boolean(),
	maxLength: z.number().int().min(20).max(QUESTION_MAX_LIMIT)
});

export const moderationInput = z.discriminatedUnion('action', [
	z.strictObject({ action: z.enum(['approve', 'reject', 'answer', 'archive', 'reopen']) }),
	z.strictObject({ action: z.literal('edit'), text: plainText('question', QUESTION_MAX_LIMIT).min(1, 'question must not be empty') }),
	z.strictObject({ action: z.literal('highlight'), on: z.boolean() }),
	z.strictObject({ action: z.literal('star'), on: z.boolean() }),
	z.strictObject({ action: z.literal('labels'), labelIds: z.array(uuid).max(20) }),
	z.strictObject({ action: z.literal('merge'), into: uuid }),
	z.strictObject({ action: z.literal('block') })
]);

export const labelInput = z.strictObject({
	id: uuid,
	name: plainText('label', 40).min(1, 'label must not be empty'),
	public: z.boolean().default(false)
});

export const profanityEditInput = z.strictObject({
	language: z.enum(['en', 'lt', 'de', 'fr', 'es', 'it', 'pl']),
	term: plainText('term', 60).min(1, 'term must not be empty'),
	action: z.enum(['add', 'remove']).nullable()
});
