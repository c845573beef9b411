import type { Db } from './db/driver';
import type { WriteQueue } from './db/writeQueue';
import type { PollCache } from './polls/pollCache';
import type { RateLimiter } from './participants/rateLimiter';
import type { Hub } from './realtime/hub';

/** Everything a service needs, built once in app.ts (or per test). */
export interface Ctx {
	db: Db;
	queue: WriteQueue;
	hub: Hub;
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
