import type { Db } from './db/driver';
import type { WriteQueue } from './db/writeQueue';
import type { PollCache } from './polls/pollCache';
import type { TallyCounters } from './polls/tallyCounters';
import type { RateLimiter } from './participants/rateLimiter';
import type { Hub } from './realtime/hub';
import type { ReadCache } from './db/readCache';
import type { SharedViews } from './sessions/sharedViews';

/** Everything a service needs, built once in app.ts (or per test). */
export interface Ctx {
	db: Db;
	queue: WriteQueue;
	hub: Hub;
	/** Each poll's counts in memory, moved by committed votes. */
	tallies: TallyCounters;
	/** The role views of each session, shared by broadcasts and snapshots. */
	views: SharedViews;
	/**
	 * Lookups a whole hall makes at once: what a join code leads to (forgotten on every event or
	 * session write) and which session a question belongs to (it never changes).
	 */
	lookups: ReadCache;
	polls: PollCache;
	limits: {
		votes: RateLimiter;
		votesPerIp: RateLimiter;
		snapshots: RateLimiter;
		questions: RateLimiter;
		questionsPerIp: RateLimiter;
		answers: RateLimiter;
		creates: RateLimiter;
		commands: RateLimiter;
	};
	publicUrl: string;
}
