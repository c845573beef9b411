import { randomBytes } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { randomId } from '../../src/lib/domain/ids';
import type { Tally } from '../../src/lib/domain/polls';
import type { Ack, Snapshot } from '../../src/lib/realtime/protocol';
import type { Db } from '../../src/lib/server/db/driver';
import type { Ctx } from '../../src/lib/server/context';
import type { createSession } from '../../src/lib/server/events/events.service';
import { authenticate } from '../../src/lib/server/access/access.service';
import { computeTally } from '../../src/lib/server/sessions/sessionViews';
import * as pollsService from '../../src/lib/server/polls/polls.service';
import { describeEachDatabase } from './databases';
import { startSocketServer } from './socketServer';

/** Real socket.io server and clients over loopback, on each database engine. */
describeEachDatabase('realtime over socket.io', (open) => {
	let db: Db;
	let ctx: Ctx;
	let url: string;
	let session: Awaited<ReturnType<typeof createSession>>;
	const clients: Socket[] = [];

	let server: Awaited<ReturnType<typeof startSocketServer>>;

	beforeEach(async () => {
		db = await open();
		server = await startSocketServer(db, 100);
		({ ctx, url, session } = server);
	});

	afterEach(() => server.close(clients));

	function client(auth: Record<string, unknown>, cookie = `plenum_pid=${randomBytes(24).toString('base64url')}`): Socket {
		const s = connect(url, { path: '/socket.io', transports: ['websocket'], auth, extraHeaders: { cookie }, reconnection: false });
		clients.push(s);
		return s;
	}

	async function connected(s: Socket): Promise<Socket> {
		if (!s.connected)
			await new Promise<void>((resolve, reject) => {
				s.once('connect', () => resolve());
				s.once('connect_error', reject);
			});
		return s;
	}

	const phone = () => connected(client({ sessionId: session.id }));
	const mod = () => connected(client({ sessionId: session.id, token: session.moderatorToken }));
	const stage = () => connected(client({ sessionId: session.id, token: session.stageToken }));
	const ask = <T>(s: Socket, event: string, ...args: unknown[]) => s.timeout(10_000).emitWithAck(event, ...args) as Promise<Ack<T>>;

	function record(s: Socket) {
		const got: { event: string; payload: unknown }[] = [];
		s.onAny((event, payload) => got.push({ event, payload }));
		return got;
	}

	async function newPoll(m: Socket, input: Record<string, unknown> = {}) {
		const pollId = randomId();
		const created = await ask(m, 'command', { type: 'poll.create', pollId, input: { question: 'Q?', options: ['A', 'B'], ...input } });
		expect(created.ok).toBe(true);
		expect((await ask(m, 'command', { type: 'poll.open', pollId })).ok).toBe(true);
		return pollId;
	}

	it('A1 a socket with a wrong token is refused at the handshake; phones cannot run moderator commands; stages neither', async () => {
		const bad = client({ sessionId: session.id, token: 'x'.repeat(43) });
		const err = await new Promise<Error & { data?: { code: string } }>((r) => bad.once('connect_error', r));
		expect(err.data?.code).toBe('forbidden');

		const p = await phone();
		const res = await ask(p, 'command', { type: 'poll.create', pollId: randomId(), input: { question: 'Q?', options: ['A', 'B'] } });
		expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		const s = await stage();
		expect(await ask(s, 'command', { type: 'stage.set', mode: 'join', pollId: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		const rows = await db.query('select 1 from polls');
		expect(rows).toHaveLength(0);
	});

	it('V6 a vote is acknowledged only once it is committed, and a retried submission counts once', async () => {
		const m = await mod();
		const pollId = await newPoll(m);
		const p = await phone();
		const submissionId = randomId();
		const [a, b] = await Promise.all([
			ask<{ choices: string[] }>(p, 'vote', { pollId, choices: ['b'], submissionId }),
			ask<{ choices: string[] }>(p, 'vote', { pollId, choices: ['b'], submissionId })
		]);
		expect(a).toMatchObject({ ok: true, data: { choices: ['b'] } });
		expect(b).toEqual(a);
		const rows = await db.query('select choices from votes where poll_id = $1', [pollId]);
		expect(rows).toEqual([{ choices: ['b'] }]);
	});

	it('T3 hidden results: phones and stage get no counts until revealed; moderators always do', async () => {
		const m = await mod();
		const pollId = await newPoll(m, { visibility: 'hidden' });
		expect((await ask(m, 'command', { type: 'stage.set', mode: 'results', pollId })).ok).toBe(true);
		const voter = await phone();
		const s = await stage();
		const phoneGot = record(voter);
		const stageGot = record(s);
		const modGot = record(m);
		await ask(voter, 'vote', { pollId, choices: ['a'], submissionId: randomId() });
		const snap = await ask<Snapshot>(voter, 'snapshot');
		expect(snap.ok && snap.data.tallies).toEqual([]);
		const stageSnap = await ask<Snapshot>(s, 'snapshot');
		expect(stageSnap.ok && stageSnap.data.tallies.map((t) => t.counts)).toEqual([null]);
		const lastModTally = () => modGot.filter((g) => g.event === 'tally').at(-1)?.payload as Tally | undefined;
		await expect.poll(() => lastModTally()?.voters).toBe(1);
		// Positive signals first: the stage got this very update (same version, without counts), and a
		// snapshot reply to the phone, which waits for every message its socket is still owed, has
		// arrived. Had the hub sent the phone this tally, it would be here by now.
		const version = lastModTally()!.version;
		await expect.poll(() => stageGot.some((g) => g.event === 'tally' && (g.payload as Tally).version === version)).toBe(true);
		expect((await ask<Snapshot>(voter, 'snapshot')).ok).toBe(true);

		expect(phoneGot.filter((g) => g.event === 'tally')).toEqual([]);
		const stageTallies = stageGot.filter((g) => g.event === 'tally').map((g) => g.payload as Tally);
		expect(stageTallies.length).toBeGreaterThan(0);
		for (const t of stageTallies) expect(t.counts).toBeNull();
		expect(lastModTally()!.counts).toEqual({ a: 1, b: 0 });

		await ask(m, 'command', { type: 'poll.reveal', pollId });
		await expect.poll(() => phoneGot.some((g) => g.event === 'tally' && (g.payload as Tally).counts !== null)).toBe(true);
		await expect.poll(() => stageGot.some((g) => g.event === 'tally' && (g.payload as Tally).counts !== null)).toBe(true);
	});

	it('T1 a burst of 300 votes becomes a few coalesced, versioned tallies whose last one equals the database', async () => {
		const m = await mod();
		const pollId = await newPoll(m);
		const got = record(m);
		const phones = await Promise.all(Array.from({ length: 30 }, () => phone()));
		const acks = await Promise.all(
			phones.flatMap((p, i) => Array.from({ length: 10 }, (_, j) => ask(p, 'vote', { pollId, choices: [(i + j) % 2 ? 'a' : 'b'], submissionId: randomId() })))
		);
		expect(acks.every((a) => a.ok)).toBe(true);
		const db1 = await computeTally(db, pollId);
		await expect
			.poll(() => {
				const last = got.filter((g) => g.event === 'tally').at(-1)?.payload as Tally | undefined;
				return last?.voters;
			})
			.toBe(db1!.voters);
		const tallies = got.filter((g) => g.event === 'tally').map((g) => g.payload as Tally);
		expect(tallies.length).toBeLessThan(40);
		const versions = tallies.map((t) => t.version);
		expect([...versions].sort((x, y) => x - y)).toEqual(versions);
		expect(tallies.at(-1)!.counts).toEqual(db1!.counts);
	});

	it('T7 sliced fan-out (2 sockets per turn here): every phone of a bigger room gets every message once, in order', async () => {
		const m = await mod();
		const pollId = await newPoll(m, { visibility: 'live' });
		const phones = await Promise.all(Array.from({ length: 7 }, () => phone()));
		const logs = phones.map(record);
		for (let i = 1; i <= 5; i++) {
			expect((await ask(m, 'command', { type: 'poll.update', pollId, input: { question: `Q${i}?`, options: ['A', 'B'] } })).ok).toBe(true);
			expect((await ask(phones[i], 'vote', { pollId, choices: ['a'], submissionId: randomId() })).ok).toBe(true);
		}
		const questions = (got: { event: string; payload: unknown }[]) =>
			got.filter((g) => g.event === 'state').map((g) => (g.payload as { poll: { question: string } | null }).poll?.question);
		await expect.poll(() => logs.map((l) => questions(l).at(-1))).toEqual(Array(7).fill('Q5?'));
		await expect.poll(() => logs.map((l) => (l.filter((g) => g.event === 'tally').at(-1)?.payload as Tally | undefined)?.voters)).toEqual(Array(7).fill(5));
		for (const l of logs) {
			expect(questions(l)).toEqual(['Q1?', 'Q2?', 'Q3?', 'Q4?', 'Q5?']);
			const versions = l.filter((g) => g.event === 'tally').map((g) => (g.payload as Tally).version);
			expect(new Set(versions).size).toBe(versions.length);
			expect([...versions].sort((x, y) => x - y)).toEqual(versions);
		}
	});

	it('T5 a reconnecting phone gets a snapshot with its own vote; bad payloads get a 4xx-style ack, not a crash', async () => {
		const m = await mod();
		const pollId = await newPoll(m);
		const cookie = `plenum_pid=${randomBytes(24).toString('base64url')}`;
		const p1 = await connected(client({ sessionId: session.id }, cookie));
		await ask(p1, 'vote', { pollId, choices: ['a'], submissionId: randomId() });
		p1.disconnect();
		const p2 = await connected(client({ sessionId: session.id }, cookie));
		const snap = await ask<Snapshot>(p2, 'snapshot');
		expect(snap.ok && snap.data.myVotes).toEqual({ [pollId]: ['a'] });
		expect(snap.ok && snap.data.view.role).toBe('audience');

		for (const payload of [null, 'x', { pollId, choices: 'a', submissionId: randomId() }, { pollId: 'nope' }, { pollId, choices: ['<script>'], submissionId: randomId() }]) {
			const res = await ask(p2, 'vote', payload);
			expect(res.ok).toBe(false);
			if (!res.ok) expect(['invalid_input', 'not_found']).toContain(res.error.code);
		}
		p2.emit('vote', { pollId, choices: ['a'], submissionId: randomId() }); // no ack function: ignored
		expect((await ask(m, 'command', { type: 'nope' })).ok).toBe(false);
		expect((await computeTally(db, pollId))!.voters).toBe(1);
		expect((await ask<Snapshot>(p2, 'snapshot')).ok).toBe(true);
	});

	it('P6 reset and close are broadcast to every role; reset polls disappear from phones', async () => {
		const m = await mod();
		const pollId = await newPoll(m);
		const p = await phone();
		const got = record(p);
		await pollsService.transition(ctx, await authenticate(db, session.moderatorToken), pollId, 'close');
		await expect.poll(() => got.some((g) => g.event === 'state' && (g.payload as { poll: { state: string } | null }).poll?.state === 'closed')).toBe(true);
		await ask(m, 'command', { type: 'poll.reset', pollId });
		await expect.poll(() => got.some((g) => g.event === 'state' && (g.payload as { poll: unknown }).poll === null)).toBe(true);
	});

	it('T9 commit numbers: each ack carries the commit that stored it, and every update at or past that number includes the action', async () => {
		const m = await mod();
		const pollId = await newPoll(m);
		const got = record(m);
		const phones = await Promise.all(Array.from({ length: 20 }, () => phone()));
		// Two waves a tick apart, so some updates fall between acks.
		const acks: Ack<unknown>[] = [];
		for (const wave of [phones.slice(0, 10), phones.slice(10)]) {
			acks.push(...(await Promise.all(wave.map((p, i) => ask(p, 'vote', { pollId, choices: [i % 2 ? 'a' : 'b'], submissionId: randomId() })))));
			await new Promise((r) => setTimeout(r, 150));
		}
		const seqs = acks.map((a) => (a.ok ? a.seq : undefined));
		for (const q of seqs) expect(q).toBeGreaterThan(0);
		await expect.poll(() => (got.filter((g) => g.event === 'tally').at(-1)?.payload as Tally | undefined)?.voters).toBe(20);
		const tallies = got.filter((g) => g.event === 'tally').map((g) => g.payload as Tally);
		expect(tallies.length).toBeGreaterThan(1);
		for (const t of tallies) {
			expect(t.seq).toBeGreaterThan(0);
			// Every vote acknowledged with a commit number up to this update's is in it.
			expect(t.voters).toBeGreaterThanOrEqual(seqs.filter((q) => q! <= t.seq!).length);
		}
		const ordered = tallies.map((t) => t.seq!);
		expect([...ordered].sort((x, y) => x - y)).toEqual(ordered);

		// A retry of a stored vote is not a new commit: its number is at least the first one's.
		const p = phones[0];
		const submissionId = randomId();
		const first = await ask(p, 'vote', { pollId, choices: ['a'], submissionId });
		const again = await ask(p, 'vote', { pollId, choices: ['a'], submissionId });
		expect(first.ok && again.ok && again.seq! >= first.seq!).toBe(true);

		// Q&A too: the first stage update numbered at or past the upvote's ack shows it.
		const s = await stage();
		const stageGot = record(s);
		const asked = await ask<{ id: string }>(phones[1], 'qa:ask', { id: randomId(), text: 'Who pays for the trams?' });
		expect(asked.ok).toBe(true);
		const questionId = asked.ok ? asked.data.id : '';
		await ask(m, 'command', { type: 'question.moderate', questionId, input: { action: 'approve' } });
		const up = await ask(phones[2], 'qa:vote', { questionId, value: 1, submissionId: randomId() });
		expect(up.ok && up.seq! > 0).toBe(true);
		type StageQ = { seq?: number; top: { id: string; upvotes: number }[] };
		const shows = () =>
			stageGot
				.filter((g) => g.event === 'qa')
				.map((g) => g.payload as StageQ)
				.find((v) => v.seq! >= (up.ok ? up.seq! : Infinity));
		await expect.poll(() => shows()?.top.find((q) => q.id === questionId)?.upvotes).toBe(1);
	});
});
