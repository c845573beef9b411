import { DomainError } from '$lib/domain/errors';
import { parse } from '$lib/domain/validate';
import { randomId } from '$lib/domain/ids';
import type { ActivityModule } from '$lib/server/activity/module';
import type { ActivityResults } from '$lib/realtime/protocol';
import { assertEditable, checkRatings, summarise, type Ratings, type ScaleSettings } from './domain';
import * as repo from './repository';
import { rateInput, scaleInput } from './schema';

/**
 * The rating scale on the activity kernel: settings in `scales`, one row of ratings per phone in
 * `scale_responses`, results per statement (distribution, skips, mean) on the `activity` event.
 */
export const scaleModule: ActivityModule<repo.Scale, ScaleSettings> = {
	kind: 'scale',
	noun: 'rating scale',
	example: { statements: ['The city should close the centre to cars', 'Trams should run all night'], lowLabel: 'Disagree', highLabel: 'Agree' },
	exampleAction: { name: 'rate', input: () => ({ ratings: [4, null], submissionId: randomId() }) },
	define(body) {
		const { visibility, ...settings } = parse(scaleInput, body);
		return { visibility, settings };
	},
	insert: (tx, a, settings) => repo.insertScale(tx, a.id, settings),
	find: repo.findScale,
	list: repo.listScales,
	async edit(tx, locked, body) {
		const { visibility, ...next } = parse(scaleInput, body);
		assertEditable(locked, next, await repo.countRespondents(tx, locked.id));
		await repo.updateScale(tx, locked.id, next);
		return { visibility };
	},
	clear: repo.clearRatings,
	title: (s) => s.statements[0] ?? '',
	event: 'activity',
	async payloads(src, id, version) {
		const scale = await repo.findScale(src.db, id);
		if (!scale) return null;
		const [respondents, rows] = await Promise.all([repo.countRespondents(src.db, id), repo.counts(src.db, id)]);
		const full: ActivityResults = { activityId: id, kind: 'scale', version, results: summarise(scale, respondents, rows) };
		return { activity: scale, full, dark: { ...full, results: null }, moderator: full };
	},
	mine: (db, id, participantId) => repo.ratingsOf(db, id, participantId),
	actions: {
		rate: {
			input: rateInput,
			limit: 'votes',
			async run(ctx, participantId, scale, input: { ratings: Ratings; submissionId: string }, receipt) {
				const ratings = checkRatings(scale, input.ratings);
				const stored = await ctx.queue.run((tx) => repo.rate(tx, { scaleId: scale.id, participantId, ratings, submissionId: input.submissionId }), undefined, receipt);
				return stored === 'stored' ? { ratings } : earlier(ctx.db, participantId, scale.id, input.submissionId);
			},
			replay: (ctx, participantId, scale, input: { submissionId: string }) => earlier(ctx.db, participantId, scale.id, input.submissionId)
		}
	},
	async exportRows(db, scale) {
		const rows = await repo.allRatings(db, scale.id);
		return {
			header: ['response', 'updated_at', ...scale.statements],
			rows: rows.map((r, i) => [i + 1, new Date(r.updatedAt).toISOString(), ...r.ratings.map((v) => v ?? '')])
		};
	}
};

/** A retried submission: its first result, if it was this phone's rating of this scale. */
async function earlier(db: Parameters<typeof repo.submission>[0], participantId: string, scaleId: string, submissionId: string) {
	const first = await repo.submission(db, submissionId);
	if (!first) return null;
	if (first.participantId !== participantId || first.kind !== 'scale' || first.result.activityId !== scaleId) {
		throw new DomainError('conflict', 'This submission id was already used for something else.');
	}
	return { ratings: first.result.ratings };
}
