import { audienceRoomSeesResults, stageSeesResults, type Poll, type Tally, type Visible } from '$lib/domain/polls';
import type { ActivityKind } from '$lib/server/sessions/activityViews';
import { rooms, type MyQa, type QaView, type SessionView } from '$lib/realtime/protocol';

/** What the hub needs from the transport. The socket.io adapter implements it; the hub knows nothing of sockets. */
export interface Broadcaster {
	emit(room: string, event: 'state' | 'tally' | 'presence' | 'qa' | 'qa:mine' | 'cloud' | 'wall' | 'wall:mine', payload: unknown): void;
	roomSize(room: string): number;
	/** Puts every socket in `fromRoom` into `room` as well. */
	join(fromRoom: string, room: string): void;
	/** Empties a room. */
	clear(room: string): void;
	/** Resolves once every message already sent to this socket has gone out (before a reply that supersedes them). */
	flushed?(socketId: string): Promise<void>;
}

/** The reads behind broadcasts. Each versioned payload carries a version taken before its read. */
export interface HubSources {
	views(sessionId: string): Promise<{ audience: SessionView; stage: SessionView; moderator: SessionView } | null>;
	tally(pollId: string): Promise<{ poll: Poll; version: number; seq: number; voters: number; counts: Record<string, number> } | null>;
	qa(sessionId: string): Promise<{ audience: QaView; stage: QaView; moderator: QaView } | null>;
	mine(sessionId: string, participantId: string): Promise<MyQa>;
	/** A word cloud's groups or a wall's answers, per role: `full` for those who may see them, `dark` for the others. */
	activity(kind: ActivityKind, id: string): Promise<ActivityPayloads | null>;
	/** A wall author's own answers, after a moderator changed one of them. */
	wallMine(wallId: string, participantId: string): Promise<unknown>;
	/** A change made this read stale: the next one reads the database again. */
	forget(scope: 'views' | 'qa' | ActivityKind, id: string): void;
}

export interface ActivityPayloads {
	sessionId: string;
	/** The activity's visibility rules: the polls' rules decide who receives `full`. */
	gate: Visible;
	full: unknown;
	dark: unknown;
	moderator: unknown;
}

/**
 * Rooms, coalescing and presence. A vote only marks its poll dirty; a ticker sends one tally per
 * dirty poll per interval, so 10,000 votes never become 10,000 × N messages. Each room gets only
 * what its role may see.
 */
export class Hub {
	private dirty = new Map<string, string>(); // pollId → sessionId
	private activityDirty = new Map<string, { kind: ActivityKind; id: string; authors: Set<string> }>(); // `${kind}:${id}` →
	private activityTicking: Promise<void> | null = null;
	private qaDirty = new Map<string, Set<string>>(); // sessionId → authors whose own list changed
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
			void this.flushActivities();
		}, this.intervalMs);
		this.presenceTimer ??= setInterval(() => this.flushPresence(), 1000);
	}

	stop(): void {
		if (this.tallyTimer) clearInterval(this.tallyTimer);
		if (this.presenceTimer) clearInterval(this.presenceTimer);
		this.tallyTimer = this.presenceTimer = null;
	}

	/**
	 * A word cloud's groups or a wall's answers changed: coalesced like tallies. `author` (a wall
	 * answer's author whose answer a moderator changed) also gets their own list again.
	 */
	activityChanged(kind: ActivityKind, id: string, author?: string): void {
		this.sources.forget(kind, id);
		const k = `${kind}:${id}`;
		const entry = this.activityDirty.get(k) ?? { kind, id, authors: new Set<string>() };
		if (author) entry.authors.add(author);
		this.activityDirty.set(k, entry);
	}

	/** A cloud or wall was reset: phones that had answered may no longer see its results. */
	activityReset(id: string): void {
		this.out.clear(rooms.voted(id));
	}

	/** Sends every pending cloud and wall update now (a tick does the same; moderation does not wait for one). */
	async flushActivities(): Promise<void> {
		while (this.activityTicking) await this.activityTicking;
		if (this.activityDirty.size === 0) return;
		const batch = [...this.activityDirty.values()];
		this.activityDirty.clear();
		this.activityTicking = (async () => {
			for (const a of batch) {
				try {
					const p = await this.sources.activity(a.kind, a.id);
					if (!p) continue;
					this.publishGated(p.sessionId, a.id, a.kind === 'wordcloud' ? 'cloud' : 'wall', p);
					for (const author of a.authors) {
						this.out.emit(rooms.participant(author), 'wall:mine', await this.sources.wallMine(a.id, author));
					}
				} catch (e) {
					// Try again next tick, with the authors still owed their own list.
					const again = this.activityDirty.get(`${a.kind}:${a.id}`) ?? { ...a, authors: new Set<string>() };
					for (const author of a.authors) again.authors.add(author);
					this.activityDirty.set(`${a.kind}:${a.id}`, again);
					this.onError(e);
				}
			}
		})();
		try {
			await this.activityTicking;
		} finally {
			this.activityTicking = null;
		}
	}

	private publishGated(sessionId: string, id: string, event: 'cloud' | 'wall', p: ActivityPayloads): void {
		this.out.emit(rooms.moderators(sessionId), event, p.moderator);
		this.out.emit(rooms.stage(sessionId), event, stageSeesResults(p.gate) ? p.full : p.dark);
		if (audienceRoomSeesResults(p.gate)) this.out.emit(rooms.audience(sessionId), event, p.full);
		else if (p.gate.visibility === 'after_vote') this.out.emit(rooms.voted(id), event, p.full);
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

	/** Resolves once the updates already sent to this socket are out: a snapshot reply goes after them. */
	flushed(socketId: string): Promise<void> {
		return this.out.flushed?.(socketId) ?? Promise.resolve();
	}

	presenceOf(sessionId: string): number {
		return this.out.roomSize(rooms.audience(sessionId));
	}

	/**
	 * Sends each role its view of the session after a change. Serialised per session, so two quick
	 * changes can never arrive in the wrong order.
	 */
	sessionChanged(sessionId: string): Promise<void> {
		this.sources.forget('views', sessionId);
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
		this.sources.forget('qa', sessionId);
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
				const v = await this.sources.qa(sessionId);
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
					const t = await this.sources.tally(pollId);
					if (t) this.publishTally(sessionId, t);
				} catch (e) {
					this.dirty.set(pollId, sessionId); // try again next tick
					this.onError(e);
				}
			}
		} finally {
			this.ticking = false;
		}
	}

	private publishTally(sessionId: string, { poll, version, seq, voters, counts }: { poll: Poll; version: number; seq: number; voters: number; counts: Record<string, number> }): void {
		const full: Tally = { pollId: poll.id, version, seq, voters, counts };
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
