import { z } from 'zod';
import { plainText } from './text';
import { uuid } from './validate';
import { MAX_OPTIONS, MIN_OPTIONS, OPTION_MAX, QUESTION_MAX, visibilities } from './polls';

/** What moderators and phones send about polls, validated on the server. */

const text = (max: number, what: string) => plainText(what, max).min(1, `${what} must not be empty`);

const optionLabel = text(OPTION_MAX, 'option');

/** What a moderator sends to create or edit a poll. */
export const pollInput = z
	.strictObject({
		question: text(QUESTION_MAX, 'question'),
		options: z
			.array(optionLabel, { message: 'options must be a list' })
			.min(MIN_OPTIONS, `a poll needs at least ${MIN_OPTIONS} options`)
			.max(MAX_OPTIONS, `a poll has at most ${MAX_OPTIONS} options`),
		multiple: z.boolean().default(false),
		maxChoices: z.number().int().min(1).max(MAX_OPTIONS).optional(),
		visibility: z.enum(visibilities).default('live')
	})
	.superRefine((p, ctx) => {
		const seen = new Set<string>();
		p.options.forEach((o, i) => {
			const key = o.toLocaleLowerCase();
			if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['options', i], message: 'options must differ' });
			seen.add(key);
		});
		if (p.maxChoices !== undefined && p.maxChoices > p.options.length) {
			ctx.addIssue({ code: 'custom', path: ['maxChoices'], message: 'maxChoices exceeds the number of options' });
		}
	});
export type PollInput = z.output<typeof pollInput>;

export const voteInput = z.strictObject({
	choices: z.array(z.string().max(12), { message: 'choices must be a list of option ids' }).max(MAX_OPTIONS),
	submissionId: uuid
});
