import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { Socket } from 'socket.io-client';
import { authenticate } from '../../src/lib/server/access/access.service';
import { createContext } from '../../src/lib/server/createContext';
import type { Db } from '../../src/lib/server/db/driver';
import { createEvent, createSession } from '../../src/lib/server/events/events.service';
import { slicedBroadcaster } from '../../src/lib/server/realtime/fanout';
import { attachSocketHandlers } from '../../src/lib/server/realtime/socketServer';

/**
 * A real socket.io server on loopback around one database, with one event and session. `tick`:
 * the hub's interval (0: no ticker; the test flushes). `close` disconnects the clients it was given.
 */
export async function startSocketServer(db: Db, tick: number) {
	const http = createServer();
	const io = new Server(http, { path: '/socket.io', maxHttpBufferSize: 16_000 });
	const ctx = createContext(db, slicedBroadcaster(io as never, 2), { tallyIntervalMs: tick || 60_000, publicUrl: 'http://test' });
	attachSocketHandlers(io as never, ctx);
	if (tick) ctx.hub.start();
	await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
	const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
	const { organiserToken } = await createEvent(ctx, { name: 'Realtime' });
	const session = await createSession(ctx, await authenticate(db, organiserToken), { title: 'Room 1' });
	return {
		ctx,
		io,
		url,
		session,
		async close(clients: Socket[]) {
			for (const c of clients.splice(0)) c.disconnect();
			ctx.hub.stop();
			await ctx.hub.idle();
			await new Promise<void>((r) => io.close(() => r()));
			await ctx.queue.close();
			await db.close();
		}
	};
}
