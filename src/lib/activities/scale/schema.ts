import { visibilities } from '$lib/domain/activity';
import { plainText } from '$lib/domain/text';
import { uuid } from '$lib/domain/validate';
import { z } from 'zod';
import { LABEL_MAX, MAXES, MINS, STATEMENT_MAX, STATEMENTS_MAX } from './domain';

/** What moderators and phones send about rating scales, validated on the server. */

export const scaleInput = z
	.strictObject({
		statements: z
			.array(plainText('statement', STATEMENT_MAX).min(1, 'statement must not be empty'), { message: 'statements must be a list' })
			.min(1, 'a scale needs at least one statement')
			.max(STATEMENTS_MAX, `a scale has at most ${STATEMENTS_MAX} statements`),
		min: z.union(MINS.map((v) => z.literal(v))).default(1),
		max: z.union(MAXES.map((v) => z.literal(v))).default(5),
		lowLabel: plainText('lowLabel', LABEL_MAX).default(''),
		highLabel: plainText('highLabel', LABEL_MAX).default(''),
		allowSkip: z.boolean().default(true),
		visibility: z.enum(visibilities).default('live')
	})
	.superRefine((s, ctx) => {
		const seen = new Set<string>();
		s.statements.forEach((t, i) => {
			if (seen.has(t.toLocaleLowerCase())) ctx.addIssue({ code: 'custom', path: ['statements', i], message: 'statements must differ' });
			seen.add(t.toLocaleLowerCase());
		});
	});

/** A phone's ratings: the whole set at once (re-rating replaces it), with a submission id chosen once. */
export const rateInput = z.strictObject({
	ratings: z.array(z.number().int().min(0).max(10).nullable()).min(1).max(STATEMENTS_MAX),
	submissionId: uuid
});
