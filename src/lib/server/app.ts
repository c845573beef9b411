import type { Server } from 'socket.io';
import { publicUrl, readConfig, type Config } from './config';
import type { Ctx } from './context';
import { createContext } from './createContext';
import { openDatabase } from './db/openDatabase';
import { ensureDemo } from './events/demo';
import type { Broadcaster } from './realtime/hub';
import { attachSocketHandlers } from './realtime/socketServer';
import { slicedBroadcaster } from './realtime/fanout';
import { startupBanner } from './startup/banner';

/**
 * The composition root. One app per process, kept on globalThis so that the SvelteKit bundle,
 * the socket.io server (dev plugin or server.js) and hot reloads all share it.
 */
interface App {
	ctx: Ctx;
	config: Config;
	/** What to print once the server listens: its address and, on first start, the demo links. */
	banner: string;
	shutdown(): Promise<void>;
}

const KEY = Symbol.for('plenum.app');
/** server.js and the dev plugin (vite.config.ts) put their socket.io server here before the app starts. */
const IO_KEY = Symbol.for('plenum.io');
type Global = typeof globalThis & { [KEY]?: Promise<App>; [IO_KEY]?: Server };

export function getApp(): Promise<App> {
	const g = globalThis as Global;
	g[KEY] ??= start().catch((e) => {
		delete g[KEY];
		throw e;
	});
	return g[KEY];
}

async function start(): Promise<App> {
	const config = readConfig();
	const db = await openDatabase(config);
	const io = (globalThis as Global)[IO_KEY];
	const out: Broadcaster = io ? slicedBroadcaster(io as never) : { emit() {}, roomSize: () => 0, join() {}, clear() {} };
	const ctx = createContext(db, out, { tallyIntervalMs: config.TALLY_INTERVAL_MS, publicUrl: publicUrl(config) });
	if (io) attachSocketHandlers(io as never, ctx);
	ctx.hub.start();

	const demo = config.PLENUM_DEMO === '1' ? await ensureDemo(ctx) : null;
	const database = config.DATABASE_URL
		? `PostgreSQL at ${new URL(config.DATABASE_URL).host}`
		: `embedded (PGlite) in ${config.PLENUM_DATA_DIR}, each commit flushed to disk before it is acknowledged`;
	return {
		ctx,
		config,
		banner: startupBanner({ base: ctx.publicUrl, originSet: !!config.ORIGIN, database, demo }),
		async shutdown() {
			ctx.hub.stop();
			await ctx.queue.close();
			await ctx.hub.flushActivities();
			await ctx.hub.idle();
			await db.close();
		}
	};
}
