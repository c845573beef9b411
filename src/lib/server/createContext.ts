import type { Ctx } from './context';
import type { Db } from './db/driver';
import { WriteQueue } from './db/writeQueue';
import { RateLimiter } from './participants/rateLimiter';
import { PollCache } from './polls/pollCache';
import { Hub, type Broadcaster } from './realtime/hub';
import { buildViews, computeTally } from './sessions/sessionViews';
import { buildMine, buildQaViews } from './qa/qaViews';
import { activityPayloads } from './sessions/activityViews';
import * as wallService from './wall/wall.service';

/** Wires the services around one database and one broadcaster. Used by the app and by tests. */
export function createContext(db: Db, out: Broadcaster, opts: { tallyIntervalMs: number; publicUrl: string }): Ctx {
	const hub = new Hub(
		out,
		{
			views: (id) => buildViews(db, id),
			tally: (id) => computeTally(db, id),
			qa: (id, version) => buildQaViews(db, id, version),
			mine: (id, participant) => buildMine(db, id, participant),
			activity: (kind, id, version) => activityPayloads(db, kind, id, version),
			wallMine: (wallId, participant) => wallService.mine(db, wallId, participant)
		},
		opts.tallyIntervalMs
	);
	return {
		db,
		queue: new WriteQueue(db),
		hub,
		polls: new PollCache(db),
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
