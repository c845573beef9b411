import { expect, it } from 'vitest';
import { randomId } from '$lib/domain/ids';
import * as kernel from '$lib/server/activity/activity.service';
import { forRole } from '$lib/server/activity/gate';
import { describeEachDatabase } from '../../../../tests/integration/databases';
import { participant, worldPerTest, type World } from '../../../../tests/integration/harness';
import type { ScaleResults } from './domain';

/** The rating scale on both database engines, through the kernel as the socket and HTTP use it. */

const create = (w: World, input: Record<string, unknown> = {}) =>
	kernel.create(w.ctx, w.moderator, 'scale', w.sessionId, randomId(), { statements: ['Close the centre to cars', 'Trams all night'], ...input }) as Promise<{
		id: string;
	}>;
const open = async (w: World, input: Record<string, unknown> = {}) => {
	const s = await create(w, input);
	await kernel.transition(w.ctx, w.moderator, s.id, 'open');
	return s;
};
const rate = (w: World, who: string, id: string, ratings: (number | null)[], submissionId = randomId()) => kernel.act(w.ctx, who, id, 'rate', { ratings, submissionId });
const results = async (w: World, id: string) => ((await w.ctx.views.activity('scale', id))!.payloads.full as unknown as { results: ScaleResults }).results;

describeEachDatabase('rating scale', (openDb) => {
	const w = worldPerTest(openDb);

	it('SC4 phones rate; re-rating replaces; a retried submission counts once and returns its first result; results are live per statement', async () => {
		const s = await open(w);
		const [a, b] = [participant(), participant()];
		const sid = randomId();
		expect(await rate(w, a, s.id, [5, 4], sid)).toEqual({ ratings: [5, 4] });
		expect(await rate(w, a, s.id, [5, 4], sid)).toEqual({ ratings: [5, 4] });
		await rate(w, b, s.id, [3, null]);
		await rate(w, b, s.id, [1, null]); // replaces b's 3
		expect(await results(w, s.id)).toEqual({
			respondents: 2,
			statements: [
				{ counts: [1, 0, 0, 0, 1], skipped: 0, mean: 3 },
				{ counts: [0, 0, 0, 1, 0], skipped: 1, mean: 4 }
			]
		});
		await expect(rate(w, b, s.id, [5, 4], sid)).rejects.toMatchObject({ code: 'conflict' }); // another phone's id
	});

	it('SC5 bad ratings are a 400 and change nothing; a closed scale refuses new ratings but answers a retry; unknown ids and actions are 404', async () => {
		const s = await open(w, { allowSkip: false, min: 0, max: 10 });
		const me = participant();
		for (const bad of [{ ratings: [11, 2] }, { ratings: [3] }, { ratings: [3, null] }, { ratings: ['x', 2] }, { ratings: [3, 2], extra: 1 }, null]) {
			await expect(kernel.act(w.ctx, me, s.id, 'rate', { submissionId: randomId(), ...bad })).rejects.toMatchObject({ code: 'invalid_input' });
		}
		expect((await results(w, s.id)).respondents).toBe(0);
		const sid = randomId();
		await rate(w, me, s.id, [0, 10], sid);
		await kernel.transition(w.ctx, w.moderator, s.id, 'close');
		await expect(rate(w, me, s.id, [7, 7])).rejects.toMatchObject({ code: 'poll_not_open' });
		expect(await rate(w, me, s.id, [0, 10], sid)).toEqual({ ratings: [0, 10] });
		await expect(rate(w, me, randomId(), [1, 1])).rejects.toMatchObject({ code: 'not_found' });
		await expect(kernel.act(w.ctx, me, s.id, 'vote', { ratings: [1, 1], submissionId: randomId() })).rejects.toMatchObject({ code: 'not_found' });
		const draft = await create(w);
		await expect(rate(w, me, draft.id, [1, 1])).rejects.toMatchObject({ code: 'poll_not_open' });
	});

	it('SC6 visibility by the kernel: hidden results reach no phone and no stage until revealed; a reset clears the ratings and hides them again', async () => {
		const s = await open(w, { visibility: 'hidden' });
		await rate(w, participant(), s.id, [4, 4]);
		const seen = async () => {
			const p = (await w.ctx.views.activity('scale', s.id))!.payloads;
			const has = (x: unknown) => (x as { results: unknown } | null)?.results != null;
			return { phone: has(forRole('audience', p, true)), stage: has(forRole('stage', p, false)), moderator: has(forRole('moderator', p, false)) };
		};
		expect(await seen()).toEqual({ phone: false, stage: false, moderator: true });
		await kernel.reveal(w.ctx, w.moderator, s.id);
		expect(await seen()).toEqual({ phone: true, stage: true, moderator: true });
		await kernel.transition(w.ctx, w.moderator, s.id, 'reset');
		expect(await seen()).toEqual({ phone: false, stage: false, moderator: true });
		expect((await results(w, s.id)).respondents).toBe(0);
	});

	it('SC7 edits keep the ratings valid; the CSV has one row per phone and no participant ids', async () => {
		const s = await open(w, { lowLabel: 'No', highLabel: 'Yes' });
		await rate(w, participant(), s.id, [2, null]);
		await rate(w, participant(), s.id, [5, 1]);
		await expect(kernel.update(w.ctx, w.moderator, s.id, { statements: ['One only'] })).rejects.toMatchObject({ code: 'conflict' });
		expect(await kernel.update(w.ctx, w.moderator, s.id, { statements: ['Close the old town to cars', 'Trams all night'], lowLabel: 'Not at all' })).toMatchObject({
			statements: ['Close the old town to cars', 'Trams all night'],
			lowLabel: 'Not at all',
			state: 'open'
		});
		const { body } = await kernel.exportCsv(w.ctx, w.moderator, s.id);
		const lines = body.trim().split(/\r?\n/);
		expect(lines[0]).toBe('"response","updated_at","Close the old town to cars","Trams all night"');
		expect(lines.slice(1).map((l) => l.split(',').slice(2).join(','))).toEqual(['"2",""', '"5","1"']);
		expect(body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
	});
});
