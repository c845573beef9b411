import { z } from 'zod';
import { visibilities } from './polls';
import { plainText } from './text';
import { uuid } from './validate';
import { PROMPT_MAX } from './activity';
import { ENTRIES_PER_PARTICIPANT_MAX, ENTRY_CHARS } from './wordcloud';

/** What moderators and phones send about word clouds, validated on the server. */

export const wordcloudInput = z.strictObject({
	prompt: plainText('prompt', PROMPT_MAX).min(1, 'prompt must not be empty'),
	maxEntries: z.number().int().min(1).max(ENTRIES_PER_PARTICIPANT_MAX).default(3),
	maxChars: z.number().int().min(ENTRY_CHARS.min).max(ENTRY_CHARS.max).default(40),
	stemming: z.boolean().default(true),
	foldDiacritics: z.boolean().default(false),
	visibility: z.enum(visibilities).default('live')
});

/** Only the fields sent change. Which of them may change once entries can exist is `assertEditable`'s rule. */
export const wordcloudPatch = z
	.strictObject({
		prompt: plainText('prompt', PROMPT_MAX).min(1, 'prompt must not be empty'),
		maxEntries: z.number().int().min(1).max(ENTRIES_PER_PARTICIPANT_MAX),
		maxChars: z.number().int().min(ENTRY_CHARS.min).max(ENTRY_CHARS.max),
		stemming: z.boolean(),
		foldDiacritics: z.boolean(),
		visibility: z.enum(visibilities)
	})
	.partial()
	.refine((p) => Object.keys(p).length > 0, 'send at least one setting to change');

export const entryInput = z.strictObject({
	/** Chosen by the phone: a retry is the same entry. */
	id: uuid,
	text: plainText('entry', ENTRY_CHARS.max).min(1, 'entry must not be empty'),
	/** The phone's language, used for stop words and stemming when the event has it. */
	language: z.string().min(2).max(8).optional()
});

export const groupActionInput = z.discriminatedUnion('action', [
	z.strictObject({ action: z.enum(['hide', 'show']), key: z.string().min(1).max(200) }),
	z.strictObject({ action: z.literal('merge'), key: z.string().min(1).max(200), into: z.string().min(1).max(200) })
]);
