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
		// A WebSocket that a proxy accepts and then closes leaves the handshake hanging until this
		// timeout (socket.io's default is 20 s); after it, the next attempt can fall back to polling.
		timeout: 8000,
		reconnectionDelay: 500,
		reconnectionDelayMax: 5000,
		randomizationFactor: 0.5
	});
	// A WebSocket refused by the network shows as an error or as a close before the handshake,
	// then a reconnect attempt. Until a WebSocket has worked on this page, either means: try polling.
	let websocketWorked = false;
	socket.on('connect', () => (websocketWorked ||= socket.io.engine?.transport?.name === 'websocket'));
	const fallBack = () => {
		if (websocketWorked || socket.io.opts.transports?.length !== 1) return;
		import('./pollingTransport').then(
			({ XHR, WebSocket }) => (socket.io.opts.transports = [XHR, WebSocket]),
			() => {} // a failed chunk load: the next attempt tries again
		);
	};
	socket.on('connect_error', (err) => {
		// A handshake the server refused (it answered) is not a transport problem.
		if ((err as Error & { data?: unknown }).data === undefined) fallBack();
	});
	socket.io.on('reconnect_attempt', fallBack);
	return socket;
}
