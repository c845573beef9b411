import { rooms, type MyQa, type QaView, type SessionView } from '$lib/realtime/protocol';
import { broadcast } from '../activity/gate';
import type { ResultPayloads } from '../activity/module';

/** What the hub needs from the transport. The socket.io adapter implements it; the hub knows nothing of sockets. */
export interface Broadcaster {
	emit(room: string, event: string, payload: unknown): void;
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
	qa(sessionId: string): Promise<{ audience: QaView; stage: QaView; moderator: QaView } | null>;
	mine(sessionId: string, participantId: string): Promise<MyQa>;
	/** An activity's results per role, and the event they go out on (the gate decides who receives which). */
	activity(kind: string, id: string): Promise<{ event: string; payloads: ResultPayloads } | null>;
	/** What one author answered, after a moderator changed one of their responses. */
	activityMine(kind: string, id: string, participantId: string): Promise<{ event: string; payload: unknown }>;
	/** A change made this read stale: the next one reads the database again. */
	forget(scope: 'views' | 'qa' | string, id: string): void;
}

/**
 * Rooms, coalescing and presence. A response only marks its activity dirty; a ticker sends one
 * update per dirty activity per interval, so 10,000 votes never become 10,000 × N messages. Each
 * room gets only what its role may see: the gate (activity/gate.ts) decides.
 */
export class Hub {
	private activityDirty = new Map<string, { kind: string; id: string; authors: Set<string> }>(); // id →
	private activityTicking: Promise<void> | null = null;
	private qaDirty = new Map<string, Set<string>>(); // sessionId → authors whose own list changed
	private presence = new Map<string, number>();
	private sessionChains = new Map<string, Promise<void>>();
	private tallyTimer: NodeJS.Timeout | null = null;
	private presenceTimer: NodeJS.Timeout | null = null;

	constructor(
		private readonly out: Broadcaster,
		private readonly sources: HubSources,
		private readonly intervalMs: number,
		private readonly onError: (e: unknown) => void = console.error
	) {}

	start(): void {
		this.tallyTimer ??= setInterval(() => {
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
	 * An activity's responses or set-up changed: coalesced, one update per interval. `author` (whose
	 * response a moderator changed) also gets their own answers again.
	 */
	activityChanged(kind: string, id: string, author?: string): void {
		this.sources.forget(kind, id);
		const entry = this.activityDirty.get(id) ?? { kind, id, authors: new Set<string>() };
		if (author) entry.authors.add(author);
		this.activityDirty.set(id, entry);
	}

	/** An activity was reset: phones that had answered may no longer see its results. */
	activityReset(kind: string, id: string): void {
		this.out.clear(rooms.voted(id));
		this.activityChanged(kind, id);
	}

	/** Sends every pending activity update now (a tick does the same; moderation does not wait for one). */
	async flushActivities(): Promise<void> {
		while (this.activityTicking) await this.activityTicking;
		if (this.activityDirty.size === 0) return;
		const batch = [...this.activityDirty.values()];
		this.activityDirty.clear();
		this.activityTicking = Promise.all(batch.map((a) => this.publish(a))).then(() => {});
		try {
			await this.activityTicking;
		} finally {
			this.activityTicking = null;
		}
	}

	private async publish(a: { kind: string; id: string; authors: Set<string> }): Promise<void> {
		try {
			const r = await this.sources.activity(a.kind, a.id);
			if (!r) return;
			broadcast(this.out, r.event, r.payloads);
			for (const author of a.authors) {
				const mine = await this.sources.activityMine(a.kind, a.id, author);
				this.out.emit(rooms.participant(author), mine.event, mine.payload);
			}
		} catch (e) {
			// Try again next tick, with the authors still owed their own answers.
			const again = this.activityDirty.get(a.id) ?? { ...a, authors: new Set<string>() };
			for (const author of a.authors) again.authors.add(author);
			this.activityDirty.set(a.id, again);
			this.onError(e);
		}
	}

	/** A phone answered an activity: its sockets may now receive that activity's after-answer results. */
	voted(participantId: string, activityId: string): void {
		this.out.join(rooms.participant(participantId), rooms.voted(activityId));
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
