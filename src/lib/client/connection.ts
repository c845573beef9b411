import { io, type Socket } from 'socket.io-client';
import { PATH, type ClientToServer, type HandshakeAuth, type ServerToClient } from '$lib/realtime/protocol';

export type PlenumSocket = Socket<ServerToClient, ClientToServer>;

/**
 * One socket per page, WebSocket only at first: no sticky sessions needed, and the long-polling
 * transport (about 2 KB gzip) stays out of the phone's first load (vite.config.ts leaves it out of
 * engine.io-client's default transports). When a WebSocket cannot be opened (a venue proxy that
 * blocks it, say), the polling transport is loaded and the next attempt starts with it, upgrading
 * to a WebSocket where it can. socket.io reconnects by itself with backoff.
 */
export function connect(auth: HandshakeAuth): PlenumSocket {
	const socket: PlenumSocket = io({
		path: PATH,
		auth,
		transports: ['websocket'],
		reconnectionDelay: 500,
		reconnectionDelayMax: 5000,
		randomizationFactor: 0.5
	});
	socket.on('connect_error', (err) => {
		// A handshake the server refused (it answered) is not a transport problem.
		if ((err as Error & { data?: unknown }).data !== undefined) return;
		if (socket.io.opts.transports?.length !== 1) return;
		import('./pollingTransport').then(
			({ XHR, WebSocket }) => (socket.io.opts.transports = [XHR, WebSocket]),
			() => {} // a failed chunk load: the next error tries again
		);
	});
	return socket;
}
