import * as polls from '$lib/domain/polls';
import type { ActivityKind } from './activityViews';
import type { Queryable } from '../db/driver';
import { ReadCache } from '../db/readCache';
import type { PollCache } from '../polls/pollCache';
import type { TallyCounters } from '../polls/tallyCounters';
import { buildQaViews } from '../qa/qaViews';
import { activityPayloads } from './activityViews';
import { buildViews } from './sessionViews';

/** What a change makes stale: a session's views, its Q&A, a cloud's or a wall's payloads. (Tallies are live counters.) */
export type Scope = 'views' | 'qa' | ActivityKind;

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

	constructor(
		private readonly db: Queryable,
		private readonly polls: PollCache,
		private readonly tallies: TallyCounters,
		/** The write queue's last commit number (see `Receipt`). */
		private readonly committedSeq: () => number = () => 0
	) {}

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

	/** The poll comes from the poll cache (fresh after every poll write), the counts from the live counters. */
	async tally(pollId: string): Promise<{ poll: polls.Poll; version: number; seq: number; voters: number; counts: Record<string, number> } | null> {
		const poll = await this.polls.get(pollId);
		if (!poll) return null;
		const loaded = await this.tallies.get(pollId);
		const version = this.nextVersion(pollId);
		const seq = this.committedSeq();
		const t = this.tallies.peek(pollId) ?? loaded; // read right after its version and commit number
		return { poll, version, seq, voters: t.voters, counts: polls.countsFor(poll, t.rows) };
	}

	activity(kind: ActivityKind, id: string) {
		return this.cache.get(`${kind}:${id}`, () => this.stamped(activityPayloads(this.db, kind, id, this.nextVersion(`${kind}:${id}`)), ['full', 'dark', 'moderator']));
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
