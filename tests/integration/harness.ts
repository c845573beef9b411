import type { Tally } from '../../src/lib/domain/polls';
import { afterEach, beforeEach } from 'vitest';
import type { Db } from '../../src/lib/server/db/driver';
import { createContext } from '../../src/lib/server/createContext';
import type { Ctx } from '../../src/lib/server/context';
import type { Broadcaster } from '../../src/lib/server/realtime/hub';
import { authenticate, type Actor } from '../../src/lib/server/access/access.service';
import { createEvent, createSession } from '../../src/lib/server/events/events.service';
import * as pollsService from '../../src/lib/server/polls/polls.service';
import { randomId } from '../../src/lib/domain/ids';

/** Records what the hub would send to each room, so tests can assert on what every role receives. */
export class RecordingBroadcaster implements Broadcaster {
	sent: { room: string; event: string; payload: unknown }[] = [];
	sizes = new Map<string, number>();
	emit(room: string, event: string, payload: unknown) {
		this.sent.push({ room, event, payload: structuredClone(payload) });
	}
	roomSize(room: string) {
		return this.sizes.get(room) ?? 0;
	}
	join() {}
	clear() {}
	to(room: string, event?: string) {
		return this.sent.filter((m) => m.room === room && (!event || m.event === event)).map((m) => m.payload);
	}
}

export interface World {
	db: Db;
	ctx: Ctx;
	out: RecordingBroadcaster;
	organiser: Actor;
	moderator: Actor;
	sessionId: string;
}

/** A migrated database with one event, one session and its moderator. */
async function world(db: Db): Promise<World> {
	const out = new RecordingBroadcaster();
	const ctx = createContext(db, out, { tallyIntervalMs: 50, publicUrl: 'http://test' });
	// Load tests create many votes per participant id; lift the per-participant limit here.
	ctx.limits.votes = { take() {} } as never;
	const { organiserToken } = await createEvent(ctx, { name: 'Test event', languages: ['en', 'lt'] });
	const organiser = await authenticate(db, organiserToken);
	const session = await createSession(ctx, organiser, { title: 'Plenary' });
	const moderator = await authenticate(db, session.moderatorToken);
	return { db, ctx, out, organiser, moderator, sessionId: session.id };
}

/** A fresh world for every test of the suite, closed afterwards. Read it as a plain World. */
export function worldPerTest(open: () => Promise<Db>): World {
	let current: World | null = null;
	beforeEach(async () => {
		current = await world(await open());
	});
	afterEach(async () => {
		await current!.ctx.hub.idle();
		await current!.ctx.queue.close();
		await current!.db.close();
		current = null;
	});
	return new Proxy({} as World, { get: (_, key) => current![key as keyof World] });
}

export async function openPoll(w: World, input: Record<string, unknown> = {}) {
	const poll = await pollsService.create(w.ctx, w.moderator, w.sessionId, randomId(), {
		question: 'Which measure first?',
		options: ['Trees', 'Trams', 'Bikes'],
		...input
	});
	return pollsService.transition(w.ctx, w.moderator, poll.id, 'open');
}

export const participant = () => randomId();

/** A poll's live counts, as the hub would send them to moderators. */
export async function liveTally(ctx: Ctx, pollId: string): Promise<Tally> {
	return (await ctx.views.activity('poll', pollId))!.payloads.moderator as Tally;
}
