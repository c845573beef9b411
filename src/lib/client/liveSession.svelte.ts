import type { ErrorBody } from '$lib/domain/errors';
import type { Tally } from '$lib/domain/polls';
import type { MyWall } from '$lib/domain/wall';
import { PROTOCOL_VERSION, type ActivityResults } from '$lib/realtime/protocol';
import type { Ack, ClientToServer, CloudGroups, HandshakeAuth, ModeratorCommand, MyQa, QaView, SessionView, Snapshot, WallUpdate } from '$lib/realtime/protocol';
import { connect, type PlenumSocket } from './connection';
import { Outbox, type Route } from './outbox.svelte';

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'refused';

const ACK_TIMEOUT_MS = 8000;

/** A request of the protocol: its payload, if any, and what its acknowledgement carries. */
type Request = keyof ClientToServer;
type PayloadOf<E extends Request> = Parameters<ClientToServer[E]> extends [infer P, unknown] ? [P] : [];
type AckOf<E extends Request> = Parameters<ClientToServer[E]> extends [...unknown[], (res: infer A) => void] ? A : never;

/**
 * The live state of one session for one role, fed by the server: a snapshot on every (re)connect,
 * then pushes. A versioned push (tally, Q&A, word cloud, wall) older than the one held is dropped.
 */
export class LiveSession<V extends SessionView = SessionView> {
	view = $state<V>() as V;
	tallies = $state<Record<string, Tally>>({});
	myVotes = $state<Record<string, string[]>>({});
	presence = $state(0);
	/** The session's Q&A as this role may see it (AudienceQa, StageQa or ModeratorQa). */
	qa = $state<QaView | null>(null);
	/** A phone's own questions in any state, and its votes on questions. */
	mine = $state<MyQa | null>(null);
	/** Word-cloud groups and wall answers by activity id, as this role may see them. */
	clouds = $state<Record<string, CloudGroups>>({});
	walls = $state<Record<string, WallUpdate>>({});
	/** A phone's own word-cloud entries, and its own wall answers and upvotes, by activity id. */
	myEntries = $state<Record<string, { id: string; text: string }[]>>({});
	myWalls = $state<Record<string, MyWall>>({});
	/** Results of the formats on the `activity` event, by activity id, and a phone's own answers to them. */
	results = $state<Record<string, ActivityResults>>({});
	answers = $state<Record<string, unknown>>({});
	status = $state<ConnectionStatus>('connecting');
	refusal = $state<ErrorBody | null>(null);
	private socket: PlenumSocket | null = null;
	private onlineHooks: (() => void)[] = [];

	constructor(initial: Snapshot & { view: V }) {
		this.apply(initial);
	}

	start(auth: HandshakeAuth): () => void {
		const s = connect({ ...auth, v: PROTOCOL_VERSION });
		this.socket = s;
		s.on('connect', () => void this.resync());
		s.on('disconnect', () => (this.status = 'offline'));
		let retryMs = 1000;
		s.on('connect', () => (retryMs = 1000));
		s.on('connect_error', (err) => {
			const data = (err as Error & { data?: ErrorBody }).data;
			// Built for another protocol version (a deploy while this page was open): reload for the
			// matching code. Once per version of this code, so a server that keeps refusing cannot loop us.
			if (data?.code === 'outdated' && sessionStorage.plenumReload != PROTOCOL_VERSION) {
				sessionStorage.plenumReload = PROTOCOL_VERSION;
				return location.reload();
			}
			if (data?.code === 'forbidden' || data?.code === 'invalid_input' || data?.code === 'not_found') {
				this.status = 'refused';
				this.refusal = data;
				s.disconnect();
				return;
			}
			this.status = 'offline';
			// socket.io does not retry a handshake the server refused (e.g. its database was briefly
			// down), so retry it ourselves, with backoff.
			if (!s.active) {
				setTimeout(() => s.connect(), retryMs);
				retryMs = Math.min(retryMs * 2, 15_000);
			}
		});
		s.on('state', (v) => {
			const before = this.view as SessionView;
			this.view = v as V;
			this.forgetResetVotes();
			// A phone's poll changed (another poll, or reset away): its remembered vote and counts may
			// no longer hold, so take the server's word for them.
			if (before.role === 'audience' && v.role === 'audience' && before.poll?.id !== v.poll?.id) void this.resync();
		});
		s.on('tally', (t) => this.applyTally(t));
		s.on('presence', (p) => (this.presence = p.audience));
		s.on('qa', (q) => {
			if (newer(q, this.qa)) this.qa = q;
		});
		s.on('qa:mine', (m) => {
			if (m.sessionId === this.view.sessionId) this.mine = m;
		});
		s.on('cloud', (c) => keepNewest(this.clouds, c.cloudId, c));
		s.on('wall', (w) => keepNewest(this.walls, w.wallId, w));
		s.on('wall:mine', (mine) => (this.myWalls[mine.wallId] = mine));
		s.on('activity', (r) => keepNewest(this.results, r.activityId, r));
		return () => s.disconnect();
	}

	/** Runs after each successful resync; the phone's outboxes use it to resend what still waits. */
	whenOnline(fn: () => void): void {
		this.onlineHooks.push(fn);
	}

	private async resync(): Promise<void> {
		const res = await this.send('snapshot');
		if (res.ok) {
			this.apply(res.data as Snapshot & { view: V });
			this.status = 'online';
			for (const fn of this.onlineHooks) fn();
		} else if (res.error.code !== 'unavailable') {
			this.status = 'refused';
			this.refusal = res.error;
		}
	}

	private apply(s: Snapshot & { view: V }): void {
		this.view = s.view;
		// Tallies the snapshot no longer includes are dropped (no longer visible); for the others
		// the newer version wins, as a pushed tally may have overtaken the snapshot.
		const held = this.tallies;
		this.tallies = Object.fromEntries(s.tallies.map((t) => [t.pollId, held[t.pollId] && held[t.pollId].version > t.version && t.counts !== null ? held[t.pollId] : t]));
		this.myVotes = { ...s.myVotes };
		this.presence = s.presence;
		// A pushed Q&A view may have overtaken this snapshot: keep the newer one.
		if (!s.qa || newer(s.qa, this.qa)) this.qa = s.qa;
		this.mine = s.mine;
		this.clouds = merged(
			this.clouds,
			s.clouds.map((c) => [c.cloudId, c])
		);
		this.walls = merged(
			this.walls,
			s.walls.map((w) => [w.wallId, w])
		);
		this.myEntries = { ...s.myActivity?.entries };
		const wall = s.myActivity?.wall;
		this.myWalls = wall ? { [wall.wallId]: wall } : {};
		this.results = merged(
			this.results,
			s.results.map((r) => [r.activityId, r])
		);
		this.answers = s.answers;
	}

	applyTally(t: Tally): void {
		const held = this.tallies[t.pollId];
		if (held && held.version >= t.version) return;
		this.tallies[t.pollId] = t;
	}

	/** A poll back in draft was reset: any vote we remember for it is gone. */
	private forgetResetVotes(): void {
		const v = this.view as SessionView;
		const polls = v.role === 'moderator' ? v.polls : v.poll ? [v.poll] : [];
		for (const p of polls) {
			if (p.state === 'draft') {
				delete this.myVotes[p.id];
				delete this.tallies[p.id];
			}
		}
	}

	/**
	 * An outbox for one kind of phone action. Made here so its code travels with the live session's
	 * (one chunk the phone loads anyway) rather than as one more file on every panel's first load.
	 */
	outbox<P, R>(route: Route<P, R>): Outbox<P, R> {
		return new Outbox(this, route);
	}

	command<T = unknown>(cmd: ModeratorCommand): Promise<Ack<T>> {
		return this.send('command', cmd) as Promise<Ack<T>>;
	}

	get connected(): boolean {
		return this.socket?.connected ?? false;
	}

	/** A request over the socket; `unavailable` when offline or when the ack times out. */
	send<E extends Request>(event: E, ...payload: PayloadOf<E>): Promise<AckOf<E>> {
		const s = this.socket;
		const offline = { ok: false, error: { code: 'unavailable', message: 'offline' } } as AckOf<E>;
		if (!s?.connected) return Promise.resolve(offline);
		return (s.timeout(ACK_TIMEOUT_MS).emitWithAck as (ev: string, ...a: unknown[]) => Promise<AckOf<E>>)(event, ...payload).catch(() => offline);
	}
}

/** Versioned pushes: an older version never replaces a newer one (the same one may, as a resync). */
function newer(incoming: { version: number }, held: { version: number } | null | undefined): boolean {
	return !held || held.version <= incoming.version;
}

function keepNewest<T extends { version: number }>(held: Record<string, T>, id: string, incoming: T): void {
	if (newer(incoming, held[id])) held[id] = incoming;
}

/**
 * A snapshot's items replace what is held, unless a push overtook the snapshot; items the snapshot
 * no longer carries are dropped (no longer visible to this role).
 */
function merged<T extends { version: number }>(held: Record<string, T>, items: [string, T][]): Record<string, T> {
	return Object.fromEntries(items.map(([id, x]) => [id, held[id] && held[id].version > x.version ? held[id] : x]));
}
