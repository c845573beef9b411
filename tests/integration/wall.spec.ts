import { listWalls } from '$lib/server/wall/wall.repository';
import { forRole } from '$lib/server/activity/gate';
import { expect, it } from 'vitest';
import { randomId } from '../../src/lib/domain/ids';
import type { AudienceWall } from '../../src/lib/domain/wall';
import { rooms } from '../../src/lib/realtime/protocol';
import { authenticate } from '../../src/lib/server/access/access.service';
import { createSession } from '../../src/lib/server/events/events.service';
import * as walls from '../../src/lib/server/wall/wall.service';
import { describeEachDatabase } from './databases';
import { participant, worldPerTest, type World } from './harness';

async function openWall(w: World, input: Record<string, unknown> = {}) {
	const wall = await walls.create(w.ctx, w.moderator, w.sessionId, randomId(), { prompt: 'What would make this city better?', ...input });
	return walls.transition(w.ctx, w.moderator, wall.id, 'open');
}

const answer = (w: World, who: string, wallId: string, text: string, id = randomId()) => walls.submit(w.ctx, who, wallId, { id, text });
const upvote = (w: World, who: string, answerId: string, value: 0 | 1 = 1, submissionId = randomId()) => walls.vote(w.ctx, who, answerId, { value, submissionId });

function lift(w: World) {
	// Tests answer far faster than a person: lift the per-phone budget so the SQL limit is what refuses.
	w.ctx.limits.answers = { take() {} } as never;
}

const count = async (w: World, from: string, params: unknown[]) => (await w.db.query<{ n: number }>(`select count(*)::int as n from ${from}`, params))[0].n;
const answersOf = (w: World, wallId: string) => count(w, 'wall_answers where wall_id = $1', [wallId]);
const upvotesOf = async (w: World, wallId: string, answerId: string) => (await walls.views(w.db, wallId, 1))!.moderator.answers.find((a) => a.id === answerId)!.upvotes;

describeEachDatabase('open-text walls', (open) => {
	const w = worldPerTest(open);

	it('OT1 200 phones answering at once are all stored; a retry with the same id counts once; a taken id is a conflict', async () => {
		lift(w);
		const wall = await openWall(w);
		const sent = await Promise.all(Array.from({ length: 200 }, (_, i) => answer(w, participant(), wall.id, `Idea number ${i}`)));
		expect(new Set(sent.map((a) => a.id)).size).toBe(200);
		expect(await answersOf(w, wall.id)).toBe(200);
		expect((await walls.views(w.db, wall.id, 1))!.full.answers).toHaveLength(200);

		const me = participant();
		const id = randomId();
		const tries = await Promise.all(Array.from({ length: 5 }, () => answer(w, me, wall.id, 'More shade in summer', id)));
		expect(tries.every((t) => t.id === id && t.state === 'approved')).toBe(true);
		expect(await answer(w, me, wall.id, 'A different text on retry', id)).toEqual({ id, text: 'More shade in summer', state: 'approved' });
		expect(await answersOf(w, wall.id)).toBe(201);
		await expect(answer(w, participant(), wall.id, 'Not mine', id)).rejects.toMatchObject({ code: 'conflict' });
		// A retry of an answer stored before the wall closed still gets its answer back.
		await walls.transition(w.ctx, w.moderator, wall.id, 'close');
		expect((await answer(w, me, wall.id, 'More shade in summer', id)).id).toBe(id);
	});

	it('OT2 the per-participant limit holds under concurrent submissions (SQL trigger)', async () => {
		lift(w);
		const wall = await openWall(w, { maxAnswers: 3 });
		const me = participant();
		const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => answer(w, me, wall.id, `Answer ${i}`)));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
		for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'conflict' });
		expect(await count(w, 'wall_answers where wall_id = $1 and participant_id = $2', [wall.id, me])).toBe(3);
		expect((await walls.mine(w.db, wall.id, me)).answers).toHaveLength(3);
		// The limit is per wall: the same phone may answer another wall.
		const other = await openWall(w, { maxAnswers: 1 });
		await answer(w, me, other.id, 'Elsewhere');
		await expect(answer(w, me, other.id, 'Elsewhere again')).rejects.toMatchObject({ code: 'conflict' });
	});

	it('OT3 only open walls take answers; text is cleaned, bounded by maxChars, stored verbatim and returned as plain text', async () => {
		const draft = await walls.create(w.ctx, w.moderator, w.sessionId, randomId(), { prompt: 'Not yet' });
		await expect(answer(w, participant(), draft.id, 'Too early')).rejects.toMatchObject({ code: 'poll_not_open' });
		const wall = await openWall(w, { maxChars: 20 });
		await expect(answer(w, participant(), wall.id, 'x'.repeat(21))).rejects.toMatchObject({ code: 'invalid_input' });
		// Counted after cleaning: 26 characters as typed, 15 on the wall.
		const spaced = await answer(w, participant(), wall.id, '  trees \n\n  and   shade ');
		expect(spaced.text).toBe('trees and shade');
		const script = '<script>alert(1)</script>';
		const open2 = await openWall(w);
		const stored = await answer(w, participant(), open2.id, `${script} & "quotes" 'too' 🌳`);
		expect(stored.text).toBe(`${script} & "quotes" 'too' 🌳`);
		expect((await walls.views(w.db, open2.id, 1))!.full.answers![0].text).toBe(`${script} & "quotes" 'too' 🌳`);

		await walls.transition(w.ctx, w.moderator, wall.id, 'close');
		await expect(answer(w, participant(), wall.id, 'Too late')).rejects.toMatchObject({ code: 'poll_not_open' });
		expect(await answersOf(w, wall.id)).toBe(1);
		// The trigger has the last word, whoever writes.
		const insert = (wallId: string, text: string) =>
			w.db.query(
				`with p as (insert into participants (id) values ($3) returning id)
				 insert into wall_answers (id, wall_id, participant_id, text, state) select $1, $2, id, $4, 'approved' from p`,
				[randomId(), wallId, participant(), text]
			);
		await expect(insert(wall.id, 'late')).rejects.toThrow(/wall_not_open/);
		await expect(insert(open2.id, 'x'.repeat(20))).resolves.toBeDefined();
		await walls.update(w.ctx, w.moderator, draft.id, { maxChars: 20 });
		await walls.transition(w.ctx, w.moderator, draft.id, 'open');
		await expect(insert(draft.id, 'x'.repeat(21))).rejects.toThrow(/answer_too_long/);
	});

	it('OT4 with moderation on, pending answers reach only moderators and their author until approved; profanity waits without it', async () => {
		const wall = await openWall(w, { moderation: true });
		const author = participant();
		const a = await answer(w, author, wall.id, 'Free trams on Sundays');
		expect(a.state).toBe('pending');
		let v = (await walls.views(w.db, wall.id, 1))!;
		expect(v.full.answers).toEqual([]);
		expect(v.full.answers).toEqual([]);
		expect(v.moderator.answers).toMatchObject([{ id: a.id, state: 'pending', flagged: false }]);
		expect(JSON.stringify(v.moderator)).not.toContain(author);
		expect((await walls.mine(w.db, wall.id, author)).answers).toEqual([{ id: a.id, text: 'Free trams on Sundays', state: 'pending' }]);

		const approved = await walls.moderate(w.ctx, w.moderator, a.id, { state: 'approved' });
		expect(approved).toMatchObject({ id: a.id, state: 'approved' });
		v = (await walls.views(w.db, wall.id, 2))!;
		expect(v.full.answers).toEqual([{ id: a.id, text: 'Free trams on Sundays', upvotes: 0, createdAt: approved.createdAt }]);
		expect(v.full.answers!.map((x) => x.id)).toEqual([a.id]);

		await walls.moderate(w.ctx, w.moderator, a.id, { state: 'hidden' });
		expect((await walls.views(w.db, wall.id, 3))!.full.answers).toEqual([]);
		// Each moderation went out at once: phones and stage got the answer only while it was approved; the author their own list.
		const texts = (room: string) => w.out.to(room, 'wall').map((p) => (p as AudienceWall).answers?.map((x) => x.text));
		expect(texts(rooms.audience(w.sessionId))).toEqual([['Free trams on Sundays'], []]);
		expect(texts(rooms.stage(w.sessionId))).toEqual([['Free trams on Sundays'], []]);
		expect(w.out.to(rooms.participant(author), 'wall:mine').at(-1)).toEqual({
			wallId: wall.id,
			answers: [{ id: a.id, text: 'Free trams on Sundays', state: 'hidden' }],
			votes: []
		});
		const log = await w.db.query<{ details: string }>(`select details::text from moderation_log where action = 'answer.moderate' order by id`);
		expect(log.map((l) => JSON.parse(l.details))).toEqual([
			{ wallId: wall.id, answerId: a.id, text: 'Free trams on Sundays', from: 'pending', to: 'approved' },
			{ wallId: wall.id, answerId: a.id, text: 'Free trams on Sundays', from: 'approved', to: 'hidden' }
		]);

		const unmoderated = await openWall(w);
		const rude = await answer(w, participant(), unmoderated.id, 'Kodėl miestas toks š.ū.d.a.s?');
		const fine = await answer(w, participant(), unmoderated.id, 'Daugiau medžių');
		expect([rude.state, fine.state]).toEqual(['pending', 'approved']);
		v = (await walls.views(w.db, unmoderated.id, 1))!;
		expect(v.full.answers!.map((x) => x.id)).toEqual([fine.id]);
		expect(v.moderator.answers.find((x) => x.id === rude.id)).toMatchObject({ state: 'pending', flagged: true });
	});

	it('OT5 100 phones upvoting at once give exactly 100; repeats count once; removing works; refused when off or not approved', async () => {
		const wall = await openWall(w);
		const a = await answer(w, participant(), wall.id, 'Bike lanes everywhere');
		const phones = Array.from({ length: 100 }, () => participant());
		await Promise.all(phones.map((p) => upvote(w, p, a.id)));
		expect(await upvotesOf(w, wall.id, a.id)).toBe(100);
		expect(await count(w, 'wall_answer_votes where answer_id = $1', [a.id])).toBe(100);

		const me = phones[0];
		const sub = randomId();
		await Promise.all([upvote(w, me, a.id, 1, sub), upvote(w, me, a.id, 1, sub), upvote(w, me, a.id, 1)]);
		expect(await upvotesOf(w, wall.id, a.id)).toBe(100);
		expect((await walls.mine(w.db, wall.id, me)).votes).toEqual([a.id]);
		expect(await upvote(w, me, a.id, 0)).toEqual({ answerId: a.id, value: 0 });
		await upvote(w, me, a.id, 0);
		expect(await upvotesOf(w, wall.id, a.id)).toBe(99);
		// A late retry of the earlier upvote returns its first result and changes nothing.
		expect(await upvote(w, me, a.id, 1, sub)).toEqual({ answerId: a.id, value: 1 });
		expect(await upvotesOf(w, wall.id, a.id)).toBe(99);
		expect((await walls.mine(w.db, wall.id, me)).votes).toEqual([]);
		await expect(upvote(w, participant(), a.id, 1, sub)).rejects.toMatchObject({ code: 'conflict' });

		// Closed walls still take upvotes; "top" puts the most upvoted first.
		const b = await answer(w, participant(), wall.id, 'Shade trees');
		await walls.transition(w.ctx, w.moderator, wall.id, 'close');
		await upvote(w, participant(), b.id);
		await walls.update(w.ctx, w.moderator, wall.id, { sort: 'top' });
		expect((await walls.views(w.db, wall.id, 1))!.full.answers!.map((x) => x.id)).toEqual([a.id, b.id]);
		await walls.update(w.ctx, w.moderator, wall.id, { sort: 'newest' });
		expect((await walls.views(w.db, wall.id, 1))!.full.answers!.map((x) => x.id)).toEqual([b.id, a.id]);

		await walls.update(w.ctx, w.moderator, wall.id, { upvotes: false });
		await expect(upvote(w, participant(), b.id)).rejects.toMatchObject({ code: 'forbidden' });
		const moderated = await openWall(w, { moderation: true });
		const pending = await answer(w, participant(), moderated.id, 'Waiting for review');
		await expect(upvote(w, participant(), pending.id)).rejects.toMatchObject({ code: 'not_found' });
		expect(await count(w, 'wall_answer_votes where answer_id = any($1::uuid[])', [[b.id, pending.id]])).toBe(1);
	});

	it('OT5 one commit of upvotes on several answers, removals, a retry and a pending answer: each its own outcome, counters exact', async () => {
		const wall = await openWall(w);
		const [a, b] = [await answer(w, participant(), wall.id, 'Trees on every street'), await answer(w, participant(), wall.id, 'Night trams')];
		const moderated = await openWall(w, { moderation: true });
		const pending = await answer(w, participant(), moderated.id, 'Waiting for review');
		const leaver = participant();
		const retried = randomId();
		await upvote(w, leaver, a.id, 1, retried);
		const phones = Array.from({ length: 60 }, () => participant());
		const settled = await Promise.allSettled([
			...phones.map((p, i) => upvote(w, p, i % 3 ? a.id : b.id)),
			upvote(w, leaver, a.id, 0), // taken back
			upvote(w, leaver, a.id, 1, retried), // a late retry of the first upvote: its first result, no change
			upvote(w, participant(), pending.id)
		]);
		expect(settled.slice(0, 61).every((r) => r.status === 'fulfilled')).toBe(true);
		expect(settled[61]).toMatchObject({ status: 'fulfilled', value: { answerId: a.id, value: 1 } });
		expect(settled[62]).toMatchObject({ status: 'rejected', reason: { code: 'not_found' } });
		expect([await upvotesOf(w, wall.id, a.id), await upvotesOf(w, wall.id, b.id)]).toEqual([40, 20]);
		expect(await count(w, 'wall_answer_votes where answer_id = $1', [a.id])).toBe(40);
		expect(await count(w, 'wall_answer_votes where answer_id = $1', [pending.id])).toBe(0);
	});

	it('OT6 hidden walls show no answers to phones or the stage until revealed; after-answer walls once closed', async () => {
		// What each role gets is the gate's decision over the wall's results.
		const seen = async (id: string, answered = false) => {
			const p = (await w.ctx.views.activity('wall', id))!.payloads;
			const ids = (x: unknown) => (x as AudienceWall | null)?.answers?.map((y) => y.id) ?? null;
			return { phone: ids(forRole('audience', p, answered)), stage: ids(forRole('stage', p, false)), moderator: ids(forRole('moderator', p, false)) };
		};
		const wall = await openWall(w, { visibility: 'hidden' });
		const a = await answer(w, participant(), wall.id, 'Night buses');
		expect(await seen(wall.id, true)).toEqual({ phone: null, stage: null, moderator: [a.id] });
		const revealed = await walls.reveal(w.ctx, w.moderator, wall.id);
		expect(revealed.revealed).toBe(true);
		expect(await seen(wall.id)).toEqual({ phone: [a.id], stage: [a.id], moderator: [a.id] });

		const live = await openWall(w);
		await expect(walls.reveal(w.ctx, w.moderator, live.id)).rejects.toMatchObject({ code: 'conflict' });
		const afterVote = await openWall(w, { visibility: 'after_vote' });
		const b = await answer(w, participant(), afterVote.id, 'Car-free centre');
		expect(await seen(afterVote.id)).toEqual({ phone: null, stage: [b.id], moderator: [b.id] });
		expect((await seen(afterVote.id, true)).phone).toEqual([b.id]);
		await walls.transition(w.ctx, w.moderator, afterVote.id, 'close');
		expect((await seen(afterVote.id)).phone).toEqual([b.id]);
	});

	it('OT7 lifecycle: opening makes the wall active; reset deletes answers and upvotes and un-reveals; limits are fixed once open', async () => {
		const id = randomId();
		const created = await walls.create(w.ctx, w.moderator, w.sessionId, id, { prompt: 'Your wish', visibility: 'hidden' });
		expect(await walls.create(w.ctx, w.moderator, w.sessionId, id, { prompt: 'Your wish', visibility: 'hidden' })).toEqual(created);
		expect(await count(w, `moderation_log where action = 'wall.create'`, [])).toBe(1);
		expect(w.out.to(rooms.moderators(w.sessionId), 'state').length).toBeGreaterThan(0);
		await walls.update(w.ctx, w.moderator, id, { maxAnswers: 1, maxChars: 100 });
		const opened = await walls.transition(w.ctx, w.moderator, id, 'open');
		expect(opened).toMatchObject({ state: 'open', maxAnswers: 1, maxChars: 100 });
		const session = await w.db.query<{ kind: string; id: string }>(
			'select a.kind, s.active_activity_id as id from sessions s join activities a on a.id = s.active_activity_id where s.id = $1',
			[w.sessionId]
		);
		expect(session[0]).toEqual({ kind: 'wall', id });

		await expect(walls.update(w.ctx, w.moderator, id, { maxAnswers: 5 })).rejects.toMatchObject({ code: 'conflict' });
		await expect(walls.update(w.ctx, w.moderator, id, { visibility: 'live' })).rejects.toMatchObject({ code: 'conflict' });
		expect(await walls.update(w.ctx, w.moderator, id, { prompt: 'Your wish for 2040', moderation: true, upvotes: false, sort: 'top' })).toMatchObject({
			prompt: 'Your wish for 2040',
			moderation: true,
			upvotes: false,
			sort: 'top',
			maxAnswers: 1
		});
		await walls.update(w.ctx, w.moderator, id, { moderation: false, upvotes: true });
		const a = await answer(w, participant(), id, 'Clean river');
		await upvote(w, participant(), a.id);
		await walls.reveal(w.ctx, w.moderator, id);
		await expect(walls.transition(w.ctx, w.moderator, id, 'reset')).resolves.toMatchObject({ state: 'draft', revealed: false });
		expect(await answersOf(w, id)).toBe(0);
		expect(await count(w, 'wall_answer_votes', [])).toBe(0);
		await expect(walls.transition(w.ctx, w.moderator, id, 'close')).rejects.toMatchObject({ code: 'conflict' });
		expect((await walls.list(w.ctx, w.moderator, w.sessionId)).map((x) => x.id)).toEqual([id]);
	});

	it('OT8 bad input is a 4xx with nothing written; unknown ids are not_found; other sessions are forbidden', async () => {
		const wall = await openWall(w);
		const me = participant();
		const bodies: unknown[] = [
			null,
			'text',
			{ id: randomId() },
			{ id: randomId(), text: 42 },
			{ id: 'x', text: 'hi' },
			{ id: randomId(), text: 'y'.repeat(281) },
			{ id: randomId(), text: 'hi', extra: true }
		];
		for (const body of bodies) await expect(walls.submit(w.ctx, me, wall.id, body)).rejects.toMatchObject({ code: 'invalid_input' });
		for (const bad of [randomId(), 'not-a-uuid', 42, null]) {
			await expect(walls.submit(w.ctx, me, bad, { id: randomId(), text: 'hi' })).rejects.toMatchObject({ code: 'not_found' });
			await expect(walls.vote(w.ctx, me, bad, { value: 1, submissionId: randomId() })).rejects.toMatchObject({ code: 'not_found' });
			await expect(walls.moderate(w.ctx, w.moderator, bad, { state: 'approved' })).rejects.toMatchObject({ code: 'not_found' });
			await expect(walls.transition(w.ctx, w.moderator, bad, 'open')).rejects.toMatchObject({ code: 'not_found' });
		}
		const a = await answer(w, me, wall.id, 'Fine');
		for (const body of [{ value: 2, submissionId: randomId() }, { value: '1', submissionId: randomId() }, { value: 1 }, {}])
			await expect(walls.vote(w.ctx, me, a.id, body)).rejects.toMatchObject({ code: 'invalid_input' });
		await expect(walls.moderate(w.ctx, w.moderator, a.id, { state: 'deleted' })).rejects.toMatchObject({ code: 'invalid_input' });
		await expect(walls.update(w.ctx, w.moderator, wall.id, { maxChars: 'many' })).rejects.toMatchObject({ code: 'invalid_input' });
		await expect(walls.update(w.ctx, w.moderator, wall.id, {})).rejects.toMatchObject({ code: 'invalid_input' });
		const badId = randomId();
		const tooLong = { prompt: 'x', maxChars: 1000 };
		await expect(walls.create(w.ctx, w.moderator, w.sessionId, badId, tooLong)).rejects.toMatchObject({ code: 'invalid_input' });
		await expect(walls.create(w.ctx, w.moderator, w.sessionId, 'nope', { prompt: 'x' })).rejects.toMatchObject({ code: 'invalid_input' });
		expect(await count(w, 'walls where id = $1', [badId])).toBe(0);
		expect(await answersOf(w, wall.id)).toBe(1);
		expect(await count(w, 'wall_answer_votes', [])).toBe(0);
		expect((await walls.views(w.db, wall.id, 1))!.moderator.answers).toMatchObject([{ id: a.id, state: 'approved' }]);

		const other = await createSession(w.ctx, w.organiser, { title: 'Workshop' });
		const stranger = await authenticate(w.db, other.moderatorToken);
		await expect(walls.moderate(w.ctx, stranger, a.id, { state: 'hidden' })).rejects.toMatchObject({ code: 'forbidden' });
		await expect(walls.update(w.ctx, stranger, wall.id, { sort: 'top' })).rejects.toMatchObject({ code: 'forbidden' });
		await expect(walls.answersCsv(w.ctx, stranger, wall.id)).rejects.toMatchObject({ code: 'forbidden' });
		await expect(walls.create(w.ctx, stranger, other.id, wall.id, { prompt: 'Taken id' })).rejects.toMatchObject({ code: 'conflict' });
		expect(await listWalls(w.db, other.id)).toEqual([]);
	});

	it('OT9 the CSV export lists every answer, quoted, with spreadsheet formulas defused', async () => {
		const wall = await openWall(w, { moderation: true });
		const a = await answer(w, participant(), wall.id, '=HYPERLINK("http://evil")');
		const b = await answer(w, participant(), wall.id, 'Trees, "lots"\tof them');
		await walls.moderate(w.ctx, w.moderator, b.id, { state: 'approved' });
		const body = await walls.answersCsv(w.ctx, w.moderator, wall.id);
		const lines = body.trimEnd().split('\r\n');
		expect(lines[0]).toBe('"id","created_at","state","upvotes","text"');
		expect(lines[1]).toMatch(new RegExp(`^"${a.id}","[^"]+Z","pending","0","'=HYPERLINK\\(""http://evil""\\)"$`));
		expect(lines[2]).toMatch(new RegExp(`^"${b.id}","[^"]+Z","approved","0","Trees, ""lots"" of them"$`));
	});
});
