import { expect, it } from 'vitest';
import { randomId } from '../../src/lib/domain/ids';
import { migrate } from '../../src/lib/server/db/migrate';
import * as pollsService from '../../src/lib/server/polls/polls.service';
import { castVote } from '../../src/lib/server/polls/voting.service';
import { computeTally } from '../../src/lib/server/sessions/sessionViews';
import { describeEachDatabase } from './databases';
import { openPoll, participant, RecordingBroadcaster, worldPerTest, liveTally } from './harness';
import { createContext } from '../../src/lib/server/createContext';

describeEachDatabase('voting', (open) => {
	const w = worldPerTest(open);

	it('M1 migrations apply once, and applying again changes nothing', async () => {
		expect(await migrate(w.db)).toEqual([]);
		expect(await migrate(w.db)).toEqual([]);
		const rows = await w.db.query<{ n: number }>('select count(*)::int as n from plenum_migrations');
		expect(rows[0].n).toBeGreaterThanOrEqual(1);
		const rls = await w.db.query<{ relname: string }>(`select relname from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' and not relrowsecurity`);
		expect(rls.map((r) => r.relname)).toEqual([]);
	});

	it('V1 1,000 participants voting concurrently give exact counts', async () => {
		const poll = await openPoll(w);
		const choices = ['a', 'b', 'c'];
		const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => castVote(w.ctx, participant(), poll.id, { choices: [choices[i % 3]], submissionId: randomId() })));
		expect(results).toHaveLength(1000);
		const t = await computeTally(w.db, poll.id);
		expect(t!.voters).toBe(1000);
		expect(t!.counts).toEqual({ a: 334, b: 333, c: 333 });
	});

	it('V1 one commit mixing fresh votes, a change, a retry and a closed poll gives each vote its own outcome', async () => {
		const poll = await openPoll(w);
		const closed = await openPoll(w);
		const [early, changer, other] = [participant(), participant(), participant()];
		const retried = randomId();
		await castVote(w.ctx, early, poll.id, { choices: ['a'], submissionId: retried });
		await castVote(w.ctx, changer, poll.id, { choices: ['a'], submissionId: randomId() });
		// The closed poll's cache entry is stale on purpose: the SQL trigger refuses inside the shared statement.
		await w.ctx.polls.get(closed.id);
		await w.db.query(`update activities set state = 'closed' where id = $1`, [closed.id]);
		const fresh = Array.from({ length: 20 }, () => participant());
		const settled = await Promise.allSettled([
			...fresh.map((p) => castVote(w.ctx, p, poll.id, { choices: ['b'], submissionId: randomId() })),
			castVote(w.ctx, changer, poll.id, { choices: ['c'], submissionId: randomId() }),
			castVote(w.ctx, early, poll.id, { choices: ['c'], submissionId: retried }),
			castVote(w.ctx, other, closed.id, { choices: ['a'], submissionId: randomId() })
		]);
		expect(settled.slice(0, 21).every((r) => r.status === 'fulfilled')).toBe(true);
		expect(settled[21]).toMatchObject({ status: 'fulfilled', value: { choices: ['a'] } }); // the retry's first result
		expect(settled[22]).toMatchObject({ status: 'rejected', reason: { code: 'poll_not_open' } });
		const t = await computeTally(w.db, poll.id);
		expect(t!.voters).toBe(22);
		expect(t!.counts).toEqual({ a: 1, b: 20, c: 1 });
		expect((await computeTally(w.db, closed.id))!.voters).toBe(0);
	});

	it('V3 two phones sending one submission id in the same commit: one vote counts, the other is a conflict; counters stay exact', async () => {
		const poll = await openPoll(w);
		await liveTally(w.ctx, poll.id); // the counter is live before the commit
		const earlier = participant();
		await castVote(w.ctx, earlier, poll.id, { choices: ['a'], submissionId: randomId() });
		const shared = randomId();
		const settled = await Promise.allSettled([
			castVote(w.ctx, earlier, poll.id, { choices: ['b'], submissionId: shared }),
			castVote(w.ctx, participant(), poll.id, { choices: ['b'], submissionId: shared }),
			...Array.from({ length: 10 }, () => castVote(w.ctx, participant(), poll.id, { choices: ['c'], submissionId: randomId() }))
		]);
		expect(
			settled
				.slice(0, 2)
				.map((r) => r.status)
				.sort()
		).toEqual(['fulfilled', 'rejected']);
		expect(settled.slice(0, 2).find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'conflict' } });
		const db = (await computeTally(w.db, poll.id))!;
		// The earlier phone changing its vote adds no voter; the new phone winning the id adds one.
		expect(db.voters).toBe(settled[1].status === 'fulfilled' ? 12 : 11);
		expect(db.counts.b).toBe(1);
		const live = (await liveTally(w.ctx, poll.id))!;
		expect({ voters: live.voters, counts: live.counts }).toEqual({ voters: db.voters, counts: db.counts });
	});

	it('V7 the live counters equal the database through first votes, changes, retries, a reset and a restart', async () => {
		const poll = await openPoll(w);
		const counters = async (ctx = w.ctx) => {
			const t = (await liveTally(ctx, poll.id))!;
			return { voters: t.voters, counts: t.counts };
		};
		const database = async () => {
			const t = (await computeTally(w.db, poll.id))!;
			return { voters: t.voters, counts: t.counts };
		};
		const phones = Array.from({ length: 120 }, () => participant());
		const vote = (p: string, choice: string, submissionId = randomId()) => castVote(w.ctx, p, poll.id, { choices: [choice], submissionId });
		// The counter is first read while the votes are being written: the read and the votes meet in commit order.
		const [first] = await Promise.all([counters(), ...phones.map((p, i) => vote(p, 'abc'[i % 3]))]);
		expect(first.voters).toBeLessThanOrEqual(120);
		expect(await counters()).toEqual(await database());
		// Changes and retries: a third change their vote, each sent twice with one submission id.
		await Promise.all(
			phones
				.filter((_, i) => i % 3 === 0)
				.flatMap((p) => {
					const id = randomId();
					return [vote(p, 'c', id), vote(p, 'c', id)];
				})
		);
		expect(await counters()).toEqual({ voters: 120, counts: { a: 0, b: 40, c: 80 } });
		expect(await counters()).toEqual(await database());
		// A reset empties them; new votes count from zero.
		await pollsService.transition(w.ctx, w.moderator, poll.id, 'reset');
		await pollsService.transition(w.ctx, w.moderator, poll.id, 'open');
		await Promise.all(phones.slice(0, 10).map((p) => vote(p, 'b')));
		expect(await counters()).toEqual({ voters: 10, counts: { a: 0, b: 10, c: 0 } });
		// A restarted server (a fresh context on the same database) rebuilds them from the votes.
		const restarted = createContext(w.db, new RecordingBroadcaster(), { tallyIntervalMs: 50, publicUrl: 'http://test' });
		expect(await counters(restarted)).toEqual(await database());
		await restarted.queue.close();
	});

	it('V3 retrying a submission id does not count twice, even concurrently', async () => {
		const poll = await openPoll(w);
		const me = participant();
		const submissionId = randomId();
		const [first, ...again] = await Promise.all(Array.from({ length: 5 }, () => castVote(w.ctx, me, poll.id, { choices: ['b'], submissionId })));
		for (const r of again) expect(r).toEqual(first);
		const later = await castVote(w.ctx, me, poll.id, { choices: ['b'], submissionId });
		expect(later).toEqual(first);
		const t = await computeTally(w.db, poll.id);
		expect(t!.voters).toBe(1);
		expect(t!.counts).toEqual({ a: 0, b: 1, c: 0 });
	});

	it('V3 a retry returns the first result, not the retried payload', async () => {
		const poll = await openPoll(w);
		const me = participant();
		const submissionId = randomId();
		await castVote(w.ctx, me, poll.id, { choices: ['a'], submissionId });
		const retried = await castVote(w.ctx, me, poll.id, { choices: ['c'], submissionId });
		expect(retried.choices).toEqual(['a']);
		expect((await computeTally(w.db, poll.id))!.counts).toEqual({ a: 1, b: 0, c: 0 });
	});

	it('V3 a submission id used by another participant is refused', async () => {
		const poll = await openPoll(w);
		const submissionId = randomId();
		await castVote(w.ctx, participant(), poll.id, { choices: ['a'], submissionId });
		await expect(castVote(w.ctx, participant(), poll.id, { choices: ['a'], submissionId })).rejects.toMatchObject({
			code: 'conflict'
		});
	});

	it('V2 a changed vote moves from one option to the other', async () => {
		const poll = await openPoll(w);
		const me = participant();
		await castVote(w.ctx, me, poll.id, { choices: ['a'], submissionId: randomId() });
		await castVote(w.ctx, me, poll.id, { choices: ['c'], submissionId: randomId() });
		const t = await computeTally(w.db, poll.id);
		expect(t!.voters).toBe(1);
		expect(t!.counts).toEqual({ a: 0, b: 0, c: 1 });
	});

	it('V4 a closed poll rejects votes with a clear error and writes nothing', async () => {
		const poll = await openPoll(w);
		await pollsService.transition(w.ctx, w.moderator, poll.id, 'close');
		const submissionId = randomId();
		await expect(castVote(w.ctx, participant(), poll.id, { choices: ['a'], submissionId })).rejects.toMatchObject({
			code: 'poll_not_open',
			message: 'This poll is not open for voting.'
		});
		const rows = await w.db.query('select 1 from submissions where id = $1', [submissionId]);
		expect(rows).toHaveLength(0);
		expect((await computeTally(w.db, poll.id))!.voters).toBe(0);
	});

	it('V4 the database itself refuses a vote on a closed poll (stale cache)', async () => {
		const poll = await openPoll(w);
		await castVote(w.ctx, participant(), poll.id, { choices: ['a'], submissionId: randomId() }); // warms the cache
		await w.db.query(`update activities set state = 'closed' where id = $1`, [poll.id]); // behind the cache's back
		await expect(castVote(w.ctx, participant(), poll.id, { choices: ['a'], submissionId: randomId() })).rejects.toMatchObject({
			code: 'poll_not_open'
		});
		expect((await computeTally(w.db, poll.id))!.voters).toBe(1);
	});

	it('V5 invalid choices are refused by the service and by SQL', async () => {
		const poll = await openPoll(w, { multiple: true, maxChoices: 2 });
		const me = participant();
		for (const choices of [[], ['a', 'a'], ['a', 'b', 'c'], ['z'], 'a', [1]]) {
			await expect(castVote(w.ctx, me, poll.id, { choices, submissionId: randomId() })).rejects.toMatchObject({
				code: 'invalid_input'
			});
		}
		await w.db.query('insert into participants (id) values ($1)', [me]);
		await expect(w.db.query(`insert into votes (poll_id, participant_id, choices, submission_id) values ($1, $2, '{a,zz}', $3)`, [poll.id, me, randomId()])).rejects.toThrow(
			/invalid_choices/
		);
		expect((await computeTally(w.db, poll.id))!.voters).toBe(0);
	});

	it('V5 a multi-select vote counts each chosen option once', async () => {
		const poll = await openPoll(w, { multiple: true, maxChoices: 2 });
		await castVote(w.ctx, participant(), poll.id, { choices: ['a', 'c'], submissionId: randomId() });
		await castVote(w.ctx, participant(), poll.id, { choices: ['c'], submissionId: randomId() });
		const t = await computeTally(w.db, poll.id);
		expect(t!.voters).toBe(2);
		expect(t!.counts).toEqual({ a: 1, b: 0, c: 2 });
	});

	it('P5 reset clears votes and returns the poll to draft; reopen accepts votes again', async () => {
		const poll = await openPoll(w);
		await castVote(w.ctx, participant(), poll.id, { choices: ['a'], submissionId: randomId() });
		const reset = await pollsService.transition(w.ctx, w.moderator, poll.id, 'reset');
		expect(reset.state).toBe('draft');
		expect((await computeTally(w.db, poll.id))!.voters).toBe(0);
		await pollsService.transition(w.ctx, w.moderator, poll.id, 'open');
		await castVote(w.ctx, participant(), poll.id, { choices: ['b'], submissionId: randomId() });
		expect((await computeTally(w.db, poll.id))!.counts).toEqual({ a: 0, b: 1, c: 0 });
	});

	it('unknown polls and malformed ids are 404/400, never a crash', async () => {
		await expect(castVote(w.ctx, participant(), randomId(), { choices: ['a'], submissionId: randomId() })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(castVote(w.ctx, participant(), 'nope', { choices: ['a'], submissionId: randomId() })).rejects.toMatchObject({
			code: 'invalid_input'
		});
		const poll = await openPoll(w);
		await expect(castVote(w.ctx, participant(), poll.id, { choices: ['a'], submissionId: 'x' })).rejects.toMatchObject({
			code: 'invalid_input'
		});
	});
});
