import { randomBytes } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { randomId } from '../../src/lib/domain/ids';
import { PROTOCOL_VERSION, type Ack } from '../../src/lib/realtime/protocol';
import { modules } from '../../src/lib/server/activity/registry';
import type { Ctx } from '../../src/lib/server/context';
import type { Db } from '../../src/lib/server/db/driver';
import type { createSession } from '../../src/lib/server/events/events.service';
import { describeEachDatabase } from './databases';
import { startSocketServer } from './socketServer';

/**
 * The kernel's gate, for every registered kind, through real socket.io rooms: hidden results reach
 * no phone and no stage before reveal; after-answer results reach only the phones that answered; a
 * reset hides them again. Each "nothing arrived" follows a positive signal: the moderator received
 * the update, then every socket received a later state message (a socket delivers in order).
 */
describeEachDatabase('the gate over real sockets', (open) => {
	let db: Db;
	let ctx: Ctx;
	let url: string;
	let session: Awaited<ReturnType<typeof createSession>>;
	const clients: Socket[] = [];

	let server: Awaited<ReturnType<typeof startSocketServer>>;

	beforeEach(async () => {
		db = await open();
		server = await startSocketServer(db, 0);
		({ ctx, url, session } = server);
	});

	afterEach(() => server.close(clients));

	type Got = { event: string; payload: unknown }[];
	async function client(auth: Record<string, unknown>): Promise<{ s: Socket; got: Got }> {
		const cookie = `plenum_pid=${randomBytes(24).toString('base64url')}`;
		const s = connect(url, { path: '/socket.io', transports: ['websocket'], auth, extraHeaders: { cookie }, reconnection: false });
		clients.push(s);
		const got: Got = [];
		s.onAny((event, payload) => got.push({ event, payload }));
		await new Promise<void>((resolve, reject) => {
			s.once('connect', () => resolve());
			s.once('connect_error', reject);
		});
		return { s, got };
	}
	const ask = async <T>(s: Socket, event: string, payload: unknown) => {
		const res = (await s.timeout(10_000).emitWithAck(event, payload)) as Ack<T>;
		expect(res, JSON.stringify(res)).toMatchObject({ ok: true });
		return res;
	};
	const strip = (p: unknown) => {
		const { version: _v, seq: _s, ...rest } = p as Record<string, unknown>;
		return rest;
	};
	const about = (got: Got, event: string, id: string) => got.filter((g) => g.event === event && JSON.stringify(g.payload).includes(id)).map((g) => g.payload);

	it('K7 for every registered kind: hidden results reach no phone and no stage before reveal, after-answer results only the phones that answered, and a reset hides them again', async () => {
		const moderator = await client({ sessionId: session.id, token: session.moderatorToken });
		const stage = await client({ sessionId: session.id, token: session.stageToken });

		/** Sends what is pending, waits for the moderator to have it, then for every socket to have caught up. Returns the payloads sent. */
		async function settle(kind: string, event: string, id: string, everyone: { got: Got }[]) {
			await ctx.hub.flushActivities();
			const p = (await ctx.views.activity(kind, id))!.payloads;
			await expect.poll(() => about(moderator.got, event, id).some((x) => (x as { version: number }).version >= p.full.version)).toBe(true);
			const marks = everyone.map((c) => c.got.filter((g) => g.event === 'state').length);
			await ctx.hub.sessionChanged(session.id);
			await expect.poll(() => everyone.every((c, i) => c.got.filter((g) => g.event === 'state').length > marks[i])).toBe(true);
			return p;
		}

		for (const m of modules) {
			for (const visibility of ['hidden', 'after_vote'] as const) {
				const [a, b] = [await client({ sessionId: session.id }), await client({ sessionId: session.id })];
				const all = [stage, a, b];
				const id = randomId();
				await ask(moderator.s, 'command', { type: 'activity.create', kind: m.kind, id, input: { ...m.example, visibility } });
				await ask(moderator.s, 'command', { type: 'activity.open', id });
				await ask(moderator.s, 'command', { type: 'stage.set', mode: 'results', activityId: id });
				const answer = () => ({ activityId: id, action: m.exampleAction.name, payload: m.exampleAction.input() });
				await ask(a.s, 'act', answer());
				let p = await settle(m.kind, m.event, id, all);
				const label = `${m.kind} ${visibility}`;
				expect(strip(about(stage.got, m.event, id).at(-1)), label).toEqual(strip(visibility === 'hidden' ? p.dark : p.full));
				expect(about(b.got, m.event, id), label).toEqual([]);
				if (visibility === 'hidden') {
					expect(about(a.got, m.event, id), label).toEqual([]);
					await ask(moderator.s, 'command', { type: 'activity.reveal', id });
					p = await settle(m.kind, m.event, id, all);
					for (const c of all) expect(strip(about(c.got, m.event, id).at(-1)), label).toEqual(strip(p.full));
					// A reset un-reveals: the stage is dark again, the phones get nothing.
					await ask(moderator.s, 'command', { type: 'activity.reset', id });
					await ask(moderator.s, 'command', { type: 'activity.open', id });
					const before = [a, b].map((c) => about(c.got, m.event, id).length);
					await ask(b.s, 'act', answer());
					p = await settle(m.kind, m.event, id, all);
					expect(strip(about(stage.got, m.event, id).at(-1)), label).toEqual(strip(p.dark));
					expect(
						[a, b].map((c) => about(c.got, m.event, id).length),
						label
					).toEqual(before);
				} else {
					expect(strip(about(a.got, m.event, id).at(-1)), label).toEqual(strip(p.full));
					// A reset forgets who answered: A no longer gets them; B, answering now, does.
					await ask(moderator.s, 'command', { type: 'activity.reset', id });
					await ask(moderator.s, 'command', { type: 'activity.open', id });
					const seenByA = about(a.got, m.event, id).length;
					await ask(b.s, 'act', answer());
					p = await settle(m.kind, m.event, id, all);
					expect(about(a.got, m.event, id).length, label).toBe(seenByA);
					expect(strip(about(b.got, m.event, id).at(-1)), label).toEqual(strip(p.full));
				}
			}
		}
	});

	it('T10 a client built for another protocol version is refused as outdated and told to reload; the current version and scripts without one connect', async () => {
		await expect(client({ sessionId: session.id, v: PROTOCOL_VERSION - 1 })).rejects.toMatchObject({ data: { code: 'outdated' } });
		await expect(client({ sessionId: session.id, v: PROTOCOL_VERSION })).resolves.toBeTruthy();
		await expect(client({ sessionId: session.id })).resolves.toBeTruthy();
		await expect(client({ sessionId: session.id, token: session.moderatorToken, v: 'two' })).rejects.toMatchObject({ data: { code: 'invalid_input' } });
	});
});
