import { io, type Socket } from 'socket.io-client';
import { PATH, type ClientToServer, type HandshakeAuth, type ServerToClient } from '$lib/realtime/protocol';

export type PlenumSocket = Socket<ServerToClient, ClientToServer>;

/**
 * One socket per page. WebSocket first (no sticky sessions needed), long-polling as the fallback
 * for networks that block it. socket.io reconnects by itself with backoff.
 */
export function connect(auth: HandshakeAuth): PlenumSocket {
	return io({
		path: PATH,
		auth,
		transports: ['websocket', 'polling'],
		reconnectionDelay: 500,
		reconnectionDelayMax: 5000,
		randomizationFactor: 0.5
	});
}
