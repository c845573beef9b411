import { expect, it } from 'vitest';
import { randomId } from '../../src/lib/domain/ids';
import * as wordclouds from '../../src/lib/server/wordcloud/wordcloud.service';
import { rooms, type CloudGroups } from '../../src/lib/realtime/protocol';
import { snapshot } from '../../src/lib/server/sessions/sessionViews';
import { describeEachDatabase } from './databases';
import { participant, worldPerTest, type World } from './harness';

async function openCloud(w: World, input: Record<string, unknown> = {}) {
	const cloud = await wordclouds.create(w.ctx, w.moderator, w.sessionId, randomId(), { prompt: 'One word for your city in 2040', ...input });
	return wordclouds.transition(w.ctx, w.moderator, cloud.id, 'open');
}

const send = (w: World, who: string, cloudId: string, text: string, language = 'en') => wordclouds.submit(w.ctx, who, cloudId, { id: randomId(), text, language });

describeEachDatabase('word clouds', (open) => {
	const w = worldPerTest(open);

	it('W1 concurrent submissions from 300 phones give exact, grouped counts', async () => {
		const cloud = await openCloud(w);
		const variants = ['City', 'cities ', 'city!', 'Trees', 'trees'];
		await Promise.all(Array.from({ length: 300 }, (_, i) => send(w, participant(), cloud.id, variants[i % variants.length])));
		const { shown } = await wordclouds.groups(w.ctx, cloud.id);
		expect(shown.map((g) => [g.count, g.key])).toEqual([
			[180, 'citi'],
			[120, 'tree']
		]);
		expect(shown[0].spellings).toEqual({ City: 60, cities: 60, city: 60 }); // surrounding punctuation is dropped
		expect(shown[0].display).toBe('City'); // a tie goes to the smallest spelling
	});

	it('W2 the per-participant limit holds under concurrency; the same entry again counts once', async () => {
		const cloud = await openCloud(w, { maxEntries: 3 });
		const me = participant();
		const words = ['trams', 'trees', 'bikes', 'solar', 'rain', 'shade', 'parks', 'heat'];
		const results = await Promise.allSettled(words.map((t) => send(w, me, cloud.id, t)));
		const ok = results.filter((r) => r.status === 'fulfilled');
		if (ok.length !== 3) console.log(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok')));
		expect(ok).toHaveLength(3);
		for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'conflict' });
		const mine = await w.db.query('select 1 from wordcloud_entries where wordcloud_id = $1 and participant_id = $2', [cloud.id, me]);
		expect(mine).toHaveLength(3);

		const other = participant();
		const first = await send(w, other, cloud.id, 'Green roofs');
		const again = await send(w, other, cloud.id, 'green roofs!');
		expect(again).toMatchObject({ duplicate: true, id: first.id });
		const retryId = randomId();
		await wordclouds.submit(w.ctx, other, cloud.id, { id: retryId, text: 'Wind' });
		await wordclouds.submit(w.ctx, other, cloud.id, { id: retryId, text: 'Wind' });
		const { shown } = await wordclouds.groups(w.ctx, cloud.id);
		expect(shown.find((g) => g.key === 'green roof')?.count).toBe(1);
		expect(shown.find((g) => g.key === 'wind')?.count).toBe(1);
	});

	it('W2 one commit mixing fresh entries, a retry, a repeated key, a taken id and an over-limit phone gives each its own outcome', async () => {
		const cloud = await openCloud(w, { maxEntries: 2 });
		const [early, full, thief] = [participant(), participant(), participant()];
		const earlyId = randomId();
		await wordclouds.submit(w.ctx, early, cloud.id, { id: earlyId, text: 'Trams' });
		await send(w, full, cloud.id, 'Rain');
		await send(w, full, cloud.id, 'Heat');
		const settled = await Promise.allSettled([
			...Array.from({ length: 40 }, (_, i) => send(w, participant(), cloud.id, i % 2 ? 'Trees' : 'Bikes')),
			wordclouds.submit(w.ctx, early, cloud.id, { id: earlyId, text: 'Trams' }), // a retry
			send(w, early, cloud.id, 'trams!'), // the same key again
			wordclouds.submit(w.ctx, thief, cloud.id, { id: earlyId, text: 'Solar' }), // someone else's id
			send(w, full, cloud.id, 'Shade') // a third entry over the limit of two
		]);
		expect(settled.slice(0, 40).every((r) => r.status === 'fulfilled')).toBe(true);
		expect(settled[40]).toMatchObject({ status: 'fulfilled', value: { id: earlyId, duplicate: true } });
		expect(settled[41]).toMatchObject({ status: 'fulfilled', value: { id: earlyId, duplicate: true } });
		expect(settled[42]).toMatchObject({ status: 'rejected', reason: { code: 'conflict' } });
		expect(settled[43]).toMatchObject({ status: 'rejected', reason: { code: 'conflict' } });
		const { shown } = await wordclouds.groups(w.ctx, cloud.id);
		expect(Object.fromEntries(shown.map((g) => [g.key, g.count]))).toEqual({ bike: 20, tree: 20, tram: 1, rain: 1, heat: 1 });
	});

	it('W3 closed clouds refuse entries; bad entries are 400; hiding and merging groups apply everywhere', async () => {
		const cloud = await openCloud(w, { maxChars: 20 });
		await expect(send(w, participant(), cloud.id, 'one two three four')).rejects.toMatchObject({ code: 'invalid_input' });
		await expect(send(w, participant(), cloud.id, 'x'.repeat(21))).rejects.toMatchObject({ code: 'invalid_input' });
		await expect(send(w, participant(), cloud.id, 'the of and')).rejects.toMatchObject({ code: 'invalid_input' });
		for (const t of ['bikes', 'bicycle', 'bicycles', 'trams', '🌳']) await send(w, participant(), cloud.id, t);
		await wordclouds.groupAction(w.ctx, w.moderator, cloud.id, { action: 'merge', key: 'bike', into: 'bicycl' });
		const after = await wordclouds.groupAction(w.ctx, w.moderator, cloud.id, { action: 'hide', key: 'tram' });
		expect(after.shown.map((g) => [g.display, g.count])).toEqual([
			['bicycle', 3],
			['🌳', 1]
		]);
		expect(after.hidden.map((g) => g.key)).toEqual(['tram']);
		const shownAgain = await wordclouds.groupAction(w.ctx, w.moderator, cloud.id, { action: 'show', key: 'tram' });
		expect(shownAgain.shown.map((g) => g.key)).toContain('tram');
		await wordclouds.transition(w.ctx, w.moderator, cloud.id, 'close');
		await expect(send(w, participant(), cloud.id, 'late')).rejects.toMatchObject({ code: 'poll_not_open' });
		await expect(
			w.db.query(`insert into wordcloud_entries (id, wordcloud_id, participant_id, text, language, key) values ($1, $2, $3, 'x', 'en', 'x')`, [
				randomId(),
				cloud.id,
				w.moderator.grant.id
			])
		).rejects.toThrow(/cloud_not_open/);
	});

	it('W4 Lithuanian variants group with stemming; without it they stay apart', async () => {
		const stemmed = await openCloud(w);
		for (const t of ['miestas', 'miestai', 'miestų']) await send(w, participant(), stemmed.id, t, 'lt');
		expect((await wordclouds.groups(w.ctx, stemmed.id)).shown.map((g) => g.count)).toEqual([3]);
		const plain = await openCloud(w, { stemming: false });
		for (const t of ['miestas', 'miestai', 'miestų']) await send(w, participant(), plain.id, t, 'lt');
		expect((await wordclouds.groups(w.ctx, plain.id)).shown).toHaveLength(3);
	});

	it('W5 fan-out is coalesced and gated like polls: hidden clouds send no words to phones or the stage until revealed; hidden groups reach moderators only', async () => {
		const cloud = await openCloud(w, { visibility: 'hidden' });
		for (const t of ['Trees', 'trees', 'Cars']) await send(w, participant(), cloud.id, t);
		w.out.sent = [];
		await w.ctx.hub.flushActivities();
		const [toMods] = w.out.to(rooms.moderators(w.sessionId), 'cloud') as CloudGroups[];
		expect(w.out.sent.filter((m) => m.event === 'cloud')).toHaveLength(2); // moderators and the stage: one message each for three entries
		expect(toMods.words).toEqual([
			{ key: 'tree', display: 'Trees', count: 2 },
			{ key: 'car', display: 'Cars', count: 1 }
		]);
		expect(toMods.seq).toBeGreaterThan(0); // the last commit the read includes (docs/api.md)
		expect(w.out.to(rooms.stage(w.sessionId), 'cloud')).toEqual([{ cloudId: cloud.id, version: toMods.version, seq: toMods.seq, entries: 3, words: null }]);
		expect(w.out.to(rooms.audience(w.sessionId), 'cloud')).toEqual([]);

		await wordclouds.reveal(w.ctx, w.moderator, cloud.id);
		w.out.sent = [];
		await wordclouds.groupAction(w.ctx, w.moderator, cloud.id, { action: 'hide', key: 'car' }); // sends at once, no tick needed
		const [toPhones] = w.out.to(rooms.audience(w.sessionId), 'cloud') as CloudGroups[];
		expect(toPhones.words).toEqual([{ key: 'tree', display: 'Trees', count: 2 }]);
		expect(toPhones.hidden).toBeUndefined();
		expect((w.out.to(rooms.moderators(w.sessionId), 'cloud')[0] as CloudGroups).hidden).toEqual([{ key: 'car', display: 'Cars', count: 1 }]);
		const versions = w.out.sent.filter((m) => m.event === 'cloud').map((m) => (m.payload as CloudGroups).version);
		expect(new Set(versions).size).toBe(1);
	});

	it('W6 opening a cloud makes it what phones see instead of the poll; phones get their own entries in the snapshot', async () => {
		const cloud = await openCloud(w, { visibility: 'after_vote' });
		const me = participant();
		await send(w, me, cloud.id, 'Solar');
		const phone = (await snapshot(w.ctx, w.sessionId, 'audience', me))!;
		expect(phone.view).toMatchObject({ poll: null, cloud: { id: cloud.id, prompt: 'One word for your city in 2040' } });
		expect(phone.myActivity?.entries[cloud.id]).toEqual([{ id: expect.any(String), text: 'Solar' }]);
		expect(phone.clouds[0].words).toEqual([{ key: 'solar', display: 'Solar', count: 1 }]);
		const other = (await snapshot(w.ctx, w.sessionId, 'audience', participant()))!;
		expect(other.clouds).toEqual([]); // results after answering: not before
		await expect(wordclouds.create(w.ctx, w.moderator, w.sessionId, randomId(), { prompt: '<b>x</b>', maxEntries: 11 })).rejects.toMatchObject({
			code: 'invalid_input'
		});
	});
});
