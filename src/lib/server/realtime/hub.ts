import { audienceRoomSeesResults, stageSeesResults, type Poll, type Tally } from '$lib/domain/polls';
import type { ActivityKind } from '$lib/domain/stage';
import { rooms, type MyQa, type QaView, type SessionView } from '$lib/realtime/protocol';

/** What the hub needs from the transport. The socket.io adapter implements it; the hub knows nothing of sockets. */
export interface Broadcaster {
	emit(room: string, event: 'state' | 'tally' | 'presence' | 'qa' | 'qa:mine', payload: unknown): void;
	roomSize(room: string): number;
	/** Puts every socket in `fromRoom` into `room` as well. */
	join(fromRoom: string, room: string): void;
	/** Empties a room. */
	clear(room: string): void;
}

export interface HubSources {
	views(sessionId: string): Promise<{ audience: SessionView; stage: SessionView; moderator: SessionView } | null>;
	tally(pollId: string): Promise<{ poll: Poll; voters: number; counts: Record<string, number> } | null>;
	qa(sessionId: string, version: number): Promise<{ audience: QaView; stage: QaView; moderator: QaView } | null>;
	mine(sessionId: string, participantId: string): Promise<MyQa>;
}

/**
 * Rooms, coalescing and presence. A vote only marks its poll dirty; a ticker sends one tally per
 * dirty poll per interval, so 10,000 votes never become 10,000 × N messages. Each room gets only
 * what its role may see.
 */
export class Hub {
	private dirty = new Map<string, string>(); // pollId → sessionId
	private activityDirty = new Map<string, { kind: ActivityKind; id: string; sessionId: string }>(); // `${kind}:${id}` →
	private qaDirty = new Map<string, Set<string>>(); // sessionId → authors whose own list changed
	private versions = new Map<string, number>();
	private presence = new Map<string, number>();
	private sessionChains = new Map<string, Promise<void>>();
	private tallyTimer: NodeJS.Timeout | null = null;
	private presenceTimer: NodeJS.Timeout | null = null;
	private ticking = false;

	constructor(
		private readonly out: Broadcaster,
		private readonly sources: HubSources,
		private readonly intervalMs: number,
		private readonly onError: (e: unknown) => void = console.error
	) {}

	start(): void {
		this.tallyTimer ??= setInterval(() => {
			void this.flushTallies();
			void this.flushQa();
		}, this.intervalMs);
		this.presenceTimer ??= setInterval(() => this.flushPresence(), 1000);
	}

	stop(): void {
		if (this.tallyTimer) clearInterval(this.tallyTimer);
		if (this.presenceTimer) clearInterval(this.presenceTimer);
		this.tallyTimer = this.presenceTimer = null;
	}

	/** Monotonic across restarts too: it never falls behind the wall clock. */
	nextVersion(pollId: string): number {
		const v = Math.max((this.versions.get(pollId) ?? 0) + 1, Date.now());
		this.versions.set(pollId, v);
		return v;
	}

	/** A word cloud's groups or a wall's answers changed: coalesced like tallies. */
	activityChanged(kind: ActivityKind, id: string, sessionId: string): void {
		this.activityDirty.set(`${kind}:${id}`, { kind, id, sessionId });
	}

	votesChanged(pollId: string, sessionId: string): void {
		this.dirty.set(pollId, sessionId);
	}

	/** A phone voted on a poll: its sockets may now receive that poll's after-vote counts. */
	voted(participantId: string, pollId: string): void {
		this.out.join(rooms.participant(participantId), rooms.voted(pollId));
	}

	pollReset(pollId: string, sessionId: string): void {
		this.out.clear(rooms.voted(pollId));
		this.dirty.set(pollId, sessionId);
	}

	watchSession(sessionId: string): void {
		if (!this.presence.has(sessionId)) this.presence.set(sessionId, -1);
	}

	presenceOf(sessionId: string): number {
		return this.out.roomSize(rooms.audience(sessionId));
	}

	/**
	 * Sends each role its view of the session after a change. Serialised per session, so two quick
	 * changes can never arrive in the wrong order.
	 */
	sessionChanged(sessionId: string): Promise<void> {
		const prev = this.sessionChains.get(sessionId) ?? Promise.resolve();
		const next = prev.then(async () => {
			const v = await this.sources.views(sessionId);
			if (!v) return;
			this.out.emit(rooms.audience(sessionId), 'state', v.audience);
			this.out.emit(rooms.stage(sessionId), 'state', v.stage);
			this.out.emit(rooms.moderators(sessionId), 'state', v.moderator);
		});
		const settled = next.catch(this.onError);
		this.sessionChains.set(sessionId, settled);
		void settled.then(() => {
			if (this.sessionChains.get(sessionId) === settled) this.sessionChains.delete(sessionId);
		});
		return settled;
	}

	/** Resolves when every state broadcast under way has been sent (before closing the database). */
	async idle(): Promise<void> {
		while (this.sessionChains.size > 0) await Promise.all(this.sessionChains.values());
	}

	/**
	 * The session's questions changed. Coalesced like tallies (at most one Q&A update per session per
	 * interval); `urgent` (a highlight) sends at once. `author` also gets their own list again.
	 */
	qaChanged(sessionId: string, author?: string, urgent = false): void {
		const authors = this.qaDirty.get(sessionId) ?? new Set<string>();
		if (author) authors.add(author);
		this.qaDirty.set(sessionId, authors);
		if (urgent) void this.flushQa(sessionId);
	}

	async flushQa(only?: string): Promise<void> {
		const batch = [...this.qaDirty].filter(([id]) => !only || id === only);
		for (const [sessionId] of batch) this.qaDirty.delete(sessionId);
		for (const [sessionId, authors] of batch) {
			// Serialised with state broadcasts of the session, so views never arrive out of order.
			const prev = this.sessionChains.get(sessionId) ?? Promise.resolve();
			const run = prev.then(async () => {
				// Taken before the read, like tally versions: a later version never carries older data.
				const v = await this.sources.qa(sessionId, this.nextVersion(`qa:${sessionId}`));
				if (!v) return;
				this.out.emit(rooms.audience(sessionId), 'qa', v.audience);
				this.out.emit(rooms.stage(sessionId), 'qa', v.stage);
				this.out.emit(rooms.moderators(sessionId), 'qa', v.moderator);
				for (const author of authors) this.out.emit(rooms.participant(author), 'qa:mine', await this.sources.mine(sessionId, author));
			});
			const settled = run.catch((e) => {
				const again = this.qaDirty.get(sessionId) ?? new Set<string>();
				for (const a of authors) again.add(a);
				this.qaDirty.set(sessionId, again); // try again next tick
				this.onError(e);
			});
			this.sessionChains.set(sessionId, settled);
			void settled.then(() => {
				if (this.sessionChains.get(sessionId) === settled) this.sessionChains.delete(sessionId);
			});
			await settled;
		}
	}

	async flushTallies(): Promise<void> {
		if (this.ticking || this.dirty.size === 0) return;
		this.ticking = true;
		const batch = [...this.dirty];
		this.dirty.clear();
		try {
			for (const [pollId, sessionId] of batch) {
				try {
					// The version is taken before the read: a later version never carries older data.
					const version = this.nextVersion(pollId);
					const t = await this.sources.tally(pollId);
					if (t) this.publishTally(sessionId, version, t.poll, t.voters, t.counts);
				} catch (e) {
					this.dirty.set(pollId, sessionId); // try again next tick
					this.onError(e);
				}
			}
		} finally {
			this.ticking = false;
		}
	}

	private publishTally(sessionId: string, version: number, poll: Poll, voters: number, counts: Record<string, number>): void {
		const full: Tally = { pollId: poll.id, version, voters, counts };
		const dark: Tally = { ...full, counts: null };
		this.out.emit(rooms.moderators(sessionId), 'tally', full);
		this.out.emit(rooms.stage(sessionId), 'tally', stageSeesResults(poll) ? full : dark);
		if (audienceRoomSeesResults(poll)) this.out.emit(rooms.audience(sessionId), 'tally', full);
		else if (poll.visibility === 'after_vote') this.out.emit(rooms.voted(poll.id), 'tally', full);
	}

	private flushPresence(): void {
		for (const [sessionId, last] of this.presence) {
			const n = this.presenceOf(sessionId);
			if (n === last) continue;
			this.presence.set(sessionId, n);
			const payload = { audience: n };
			this.out.emit(rooms.moderators(sessionId), 'presence', payload);
			this.out.emit(rooms.stage(sessionId), 'presence', payload);
			if (n === 0 && this.out.roomSize(rooms.moderators(sessionId)) === 0 && this.out.roomSize(rooms.stage(sessionId)) === 0) {
				this.presence.delete(sessionId);
			}
		}
	}
}
