import type { Ctx } from './context';
import type { Db } from './db/driver';
import { WriteQueue } from './db/writeQueue';
import { RateLimiter } from './participants/rateLimiter';
import { PollCache } from './polls/pollCache';
import { TallyCounters } from './polls/tallyCounters';
import { Hub, type Broadcaster } from './realtime/hub';
import { SharedViews } from './sessions/sharedViews';
import { buildMine } from './qa/qaViews';
import { ReadCache } from './db/readCache';
import { moduleOf } from './activity/registry';

/** Wires the services around one database and one broadcaster. Used by the app and by tests. */
export function createContext(db: Db, out: Broadcaster, opts: { tallyIntervalMs: number; publicUrl: string }): Ctx {
	const pollCache = new PollCache(db);
	const queue = new WriteQueue(db);
	const tallies = new TallyCounters(queue);
	const views = new SharedViews(db, pollCache, tallies, () => queue.committedSeq);
	const hub = new Hub(
		out,
		{
			views: (id) => views.views(id),
			qa: (id) => views.qa(id),
			mine: (id, participant) => buildMine(db, id, participant),
			activity: (kind, id) => views.activity(kind, id),
			activityMine: async (kind, id, participant) => {
				const m = moduleOf(kind);
				return { event: `${m.event}:mine`, payload: await m.mine(db, id, participant) };
			},
			forget: (scope, id) => views.forget(scope, id)
		},
		opts.tallyIntervalMs
	);
	return {
		db,
		queue,
		hub,
		tallies,
		views,
		lookups: new ReadCache(),
		polls: pollCache,
		limits: {
			votes: new RateLimiter(5, 20),
			votesPerIp: new RateLimiter(1500, 5000),
			snapshots: new RateLimiter(2, 10),
			// Asking is rarer than voting: a burst of 3, then one every 20 s per phone.
			questions: new RateLimiter(1 / 20, 3),
			questionsPerIp: new RateLimiter(50, 300),
			// Wall answers: up to 10 per phone (the wall's own limit), typed one after another.
			answers: new RateLimiter(1 / 3, 10),
			creates: new RateLimiter(0.2, 10),
			commands: new RateLimiter(20, 60)
		},
		publicUrl: opts.publicUrl
	};
}
