import type { Queryable } from '../db/driver';
import { ReadCache } from '../db/readCache';
import type { PollCache } from '../polls/pollCache';
import type { TallyCounters } from '../polls/tallyCounters';
import { buildQaViews } from '../qa/qaViews';
import type { ResultPayloads, ResultSources } from '../activity/module';
import { moduleOf } from '../activity/registry';
import { buildViews } from './sessionViews';

/** What a change makes stale: a session's views, its Q&A, or an activity's results (scope: its kind). */
export type Scope = string;

/**
 * The role views every client of a session shares, read once per change. Broadcasts and snapshots
 * both come from here, so a joining phone gets what the room was last sent and a join wave costs
 * one read, not one per phone. The hub forgets an entry when it learns of the change.
 *
 * Versions are taken before each read: a later version never carries older data, and they stay
 * ahead of the wall clock so clients that survived a restart accept the new server's updates.
 */
export class SharedViews {
	private readonly cache = new ReadCache();
	private readonly versions = new Map<string, number>();

	private readonly sources: ResultSources;

	constructor(
		private readonly db: Queryable,
		polls: PollCache,
		tallies: TallyCounters,
		/** The write queue's last commit number (see `Receipt`). */
		private readonly committedSeq: () => number = () => 0
	) {
		this.sources = { db, polls, tallies };
	}

	nextVersion(key: string): number {
		const v = Math.max((this.versions.get(key) ?? 0) + 1, Date.now());
		this.versions.set(key, v);
		return v;
	}

	views(sessionId: string) {
		return this.cache.get(`views:${sessionId}`, () => buildViews(this.db, sessionId));
	}

	qa(sessionId: string) {
		return this.cache.get(`qa:${sessionId}`, () => this.stamped(buildQaViews(this.db, sessionId, this.nextVersion(`qa:${sessionId}`)), ['audience', 'stage', 'moderator']));
	}

	/**
	 * An activity's results per role, read once per change and shared by broadcasts and snapshots,
	 * with the socket event they go out on. (Polls read theirs from the live counters.)
	 */
	async activity(kind: string, id: string): Promise<{ event: string; payloads: ResultPayloads } | null> {
		const m = moduleOf(kind);
		const key = `${kind}:${id}`;
		const payloads = await this.cache.get(key, () => this.stamped(m.payloads(this.sources, id, this.nextVersion(key)), ['full', 'dark', 'moderator']));
		return payloads && { event: m.event, payloads };
	}

	/**
	 * Marks each role's payload with the last commit number, taken in the same synchronous step that
	 * issued the read (no commit can complete in between): the read includes every commit up to
	 * it, maybe more.
	 */
	private async stamped<T extends object>(read: Promise<T | null>, roles: (keyof T)[]): Promise<T | null> {
		const seq = this.committedSeq();
		const views = await read;
		if (views) for (const role of roles) if (views[role] && typeof views[role] === 'object') (views[role] as { seq?: number }).seq = seq;
		return views;
	}

	forget(scope: Scope, id: string): void {
		this.cache.forget(`${scope}:${id}`);
	}
}
