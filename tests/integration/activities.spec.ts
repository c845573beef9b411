import { expect, it } from 'vitest';
import { randomId } from '../../src/lib/domain/ids';
import * as kernel from '../../src/lib/server/activity/activity.service';
import { modules } from '../../src/lib/server/activity/registry';
import { migrate, bundledMigrations } from '../../src/lib/server/db/migrate';
import { createSession } from '../../src/lib/server/events/events.service';
import { findSession } from '../../src/lib/server/events/events.repository';
import * as clouds from '../../src/lib/server/wordcloud/wordcloud.service';
import * as walls from '../../src/lib/server/wall/wall.service';
import { describeEachDatabase } from './databases';
import { worldPerTest, type World } from './harness';

/** The activity kernel: one lifecycle, one order, one stage pointer, one log, for every registered kind. */

const logOf = async (w: World) => (await w.db.query<{ action: string }>('select action from moderation_log where session_id = $1 order by id', [w.sessionId])).map((r) => r.action);

const make = (w: World, kind: string) => kernel.create(w.ctx, w.moderator, kind, w.sessionId, randomId(), modules.find((m) => m.kind === kind)!.example);

describeEachDatabase('activity kernel', (open) => {
	const w = worldPerTest(open);

	it('K1 every registered kind has the one lifecycle: create, open (the one phones see), close, reveal, reset, edit, delete, each logged in its transaction', async () => {
		for (const m of modules) {
			const a = (await make(w, m.kind)) as { id: string };
			expect(await kernel.transition(w.ctx, w.moderator, a.id, 'open')).toMatchObject({ state: 'open' });
			expect((await findSession(w.db, w.sessionId))!.activeActivityId).toBe(a.id);
			await expect(kernel.reveal(w.ctx, w.moderator, a.id)).rejects.toMatchObject({ code: 'conflict' }); // live results: nothing to reveal
			expect(await kernel.transition(w.ctx, w.moderator, a.id, 'close')).toMatchObject({ state: 'closed' });
			expect(await kernel.transition(w.ctx, w.moderator, a.id, 'reset')).toMatchObject({ state: 'draft', revealed: false });
			await expect(kernel.transition(w.ctx, w.moderator, a.id, 'close')).rejects.toMatchObject({ code: 'conflict' });
			expect(await kernel.update(w.ctx, w.moderator, a.id, { ...m.example, visibility: 'hidden' })).toMatchObject({ visibility: 'hidden' });
			await kernel.transition(w.ctx, w.moderator, a.id, 'open');
			expect(await kernel.reveal(w.ctx, w.moderator, a.id)).toMatchObject({ revealed: true });
			await kernel.remove(w.ctx, w.moderator, a.id);
			expect((await findSession(w.db, w.sessionId))!.activeActivityId).toBeNull();
			await expect(kernel.transition(w.ctx, w.moderator, a.id, 'open')).rejects.toMatchObject({ code: 'not_found' });
		}
		const actions = ['create', 'open', 'close', 'reset', 'update', 'open', 'reveal', 'delete'];
		expect(await logOf(w)).toEqual(modules.flatMap((m) => actions.map((x) => `${m.kind}.${x}`)));
	});

	it("K2 a kind's own paths act on that kind only: a poll id is no wall; unknown and malformed ids are 404", async () => {
		const poll = (await make(w, 'poll')) as { id: string };
		await expect(walls.transition(w.ctx, w.moderator, poll.id, 'open')).rejects.toMatchObject({ code: 'not_found', message: 'No such wall.' });
		await expect(clouds.remove(w.ctx, w.moderator, poll.id)).rejects.toMatchObject({ code: 'not_found', message: 'No such word cloud.' });
		await expect(kernel.transition(w.ctx, w.moderator, randomId(), 'open')).rejects.toMatchObject({ code: 'not_found' });
		await expect(kernel.remove(w.ctx, w.moderator, 'nope')).rejects.toMatchObject({ code: 'not_found' });
		await expect(kernel.create(w.ctx, w.moderator, 'nonsense', w.sessionId, randomId(), {})).rejects.toMatchObject({ code: 'not_found' });
	});

	it('K3 word clouds are edited (limits only while a draft) and deleted with their entries; walls are deleted with their answers', async () => {
		const cloud = await clouds.create(w.ctx, w.moderator, w.sessionId, randomId(), { prompt: 'One word', maxEntries: 3 });
		expect(await clouds.update(w.ctx, w.moderator, cloud.id, { maxEntries: 5, stemming: false })).toMatchObject({ maxEntries: 5, stemming: false });
		await clouds.transition(w.ctx, w.moderator, cloud.id, 'open');
		await clouds.submit(w.ctx, randomId(), cloud.id, { id: randomId(), text: 'trees' });
		await expect(clouds.update(w.ctx, w.moderator, cloud.id, { maxEntries: 1 })).rejects.toMatchObject({ code: 'conflict' });
		await expect(clouds.update(w.ctx, w.moderator, cloud.id, {})).rejects.toMatchObject({ code: 'invalid_input' });
		expect(await clouds.update(w.ctx, w.moderator, cloud.id, { prompt: 'One word, please' })).toMatchObject({ prompt: 'One word, please', state: 'open' });
		await clouds.remove(w.ctx, w.moderator, cloud.id);
		const left = await w.db.query('select 1 from wordcloud_entries where wordcloud_id = $1', [cloud.id]);
		expect(left).toHaveLength(0);

		const wall = await walls.create(w.ctx, w.moderator, w.sessionId, randomId(), { prompt: 'Ideas?' });
		await walls.transition(w.ctx, w.moderator, wall.id, 'open');
		await walls.submit(w.ctx, randomId(), wall.id, { id: randomId(), text: 'More shade' });
		await walls.remove(w.ctx, w.moderator, wall.id);
		expect(await w.db.query('select 1 from wall_answers where wall_id = $1', [wall.id])).toHaveLength(0);
		expect(await kernel.list(w.ctx, w.moderator, w.sessionId)).toEqual([]);
	});

	it('K4 one order for every kind: reordering one kind keeps the others in their places', async () => {
		const [p1, c1, p2, c2, p3] = [await make(w, 'poll'), await make(w, 'wordcloud'), await make(w, 'poll'), await make(w, 'wordcloud'), await make(w, 'poll')].map(
			(a) => (a as { id: string }).id
		);
		await kernel.reorder(w.ctx, w.moderator, w.sessionId, [p3, p1, p2], 'poll');
		expect((await kernel.list(w.ctx, w.moderator, w.sessionId)).map((a) => (a as { id: string }).id)).toEqual([p3, c1, p1, c2, p2]);
		await kernel.reorder(w.ctx, w.moderator, w.sessionId, [p2, p2, c1, randomId()]);
		expect((await kernel.list(w.ctx, w.moderator, w.sessionId)).map((a) => (a as { id: string }).id)).toEqual([p3, p2, p1, c2, c1]);
	});

	it('K5 the stage shows any activity of its session, its prompt or its results; the older poll, cloud and wall modes name the same; deleting it goes back to the join screen', async () => {
		const poll = (await make(w, 'poll')) as { id: string };
		const wall = (await make(w, 'wall')) as { id: string };
		expect(await kernel.setStage(w.ctx, w.moderator, w.sessionId, { mode: 'question', pollId: poll.id })).toEqual({ mode: 'prompt', activityId: poll.id });
		expect(await kernel.setStage(w.ctx, w.moderator, w.sessionId, { mode: 'wall', activityId: wall.id })).toEqual({ mode: 'results', activityId: wall.id });
		expect(await kernel.setStage(w.ctx, w.moderator, w.sessionId, { mode: 'qa', activityId: wall.id })).toEqual({ mode: 'qa', activityId: null });
		await expect(kernel.setStage(w.ctx, w.moderator, w.sessionId, { mode: 'results' })).rejects.toMatchObject({ code: 'invalid_input' });
		await expect(kernel.setStage(w.ctx, w.moderator, w.sessionId, { mode: 'fancy' })).rejects.toMatchObject({ code: 'invalid_input' });
		const other = await createSession(w.ctx, w.organiser, { title: 'Room B' });
		const elsewhere = (await kernel.create(w.ctx, w.organiser, 'poll', other.id, randomId(), modules[0].example)) as { id: string };
		await expect(kernel.setStage(w.ctx, w.moderator, w.sessionId, { mode: 'prompt', activityId: elsewhere.id })).rejects.toMatchObject({ code: 'not_found' });
		await kernel.setStage(w.ctx, w.moderator, w.sessionId, { mode: 'prompt', activityId: wall.id });
		await kernel.remove(w.ctx, w.moderator, wall.id);
		expect((await findSession(w.db, w.sessionId))!.stage).toEqual({ mode: 'join', activityId: null });
	});
});

describeEachDatabase('activities migration', (open) => {
	it('K6 polls, clouds and walls stored before the kernel become activities, with their state, order, pointers and stage', async () => {
		const db = await open();
		// A fresh database from the template is fully migrated: rebuild the schema as it was before.
		await db.exec('drop schema public cascade; create schema public;');
		const all = bundledMigrations();
		const before = all.filter((m) => m.version < '20261208090000');
		await migrate(db, before);
		const [e, s, p, c, wl] = [randomId(), randomId(), randomId(), randomId(), randomId()];
		await db.query(`insert into events (id, name, join_code) values ($1, 'E', 'ABCDEF')`, [e]);
		await db.query(`insert into sessions (id, event_id, title, stage_mode, stage_activity_id, active_poll_id) values ($1, $2, 'S', 'wall', $3, null)`, [s, e, wl]);
		await db.query(
			`insert into polls (id, session_id, question, options, state, visibility, revealed, position) values ($1, $2, 'Q', '[{"id":"a","label":"A"},{"id":"b","label":"B"}]', 'open', 'hidden', true, 2)`,
			[p, s]
		);
		await db.query(`update sessions set active_poll_id = $2 where id = $1`, [s, p]);
		await db.query(`insert into wordclouds (id, session_id, prompt, state, position) values ($1, $2, 'W', 'closed', 0)`, [c, s]);
		await db.query(`insert into walls (id, session_id, prompt, state, position) values ($1, $2, 'T', 'draft', 1)`, [wl, s]);
		await migrate(db, all);
		const rows = await db.query<{ id: string; kind: string; state: string; visibility: string; revealed: boolean }>(
			'select id, kind, state, visibility, revealed from activities where session_id = $1 order by position',
			[s]
		);
		expect(rows).toEqual([
			{ id: c, kind: 'wordcloud', state: 'closed', visibility: 'live', revealed: false },
			{ id: wl, kind: 'wall', state: 'draft', visibility: 'live', revealed: false },
			{ id: p, kind: 'poll', state: 'open', visibility: 'hidden', revealed: true }
		]);
		expect(await findSession(db, s)).toMatchObject({ activeActivityId: p, stage: { mode: 'results', activityId: wl } });
		await db.close();
	});
});
