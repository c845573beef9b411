import type { Server } from 'socket.io';
import type { Broadcaster } from './hub';

/**
 * The socket.io side of the hub: rooms as socket.io rooms, with the fan-out sliced. Writing one
 * tally to 2,000 phones takes tens of milliseconds of socket writes; done in one go, every tally
 * tick would stall the server (and the votes waiting for their acks). So a big room is sent a few
 * hundred sockets per event-loop turn. One queue for all messages keeps each socket's messages in
 * the order the hub sent them; the room's members are taken when the hub sends, so who may see a
 * message is decided then, exactly as without slicing.
 */
export function slicedBroadcaster(io: Server, slice = 250): Broadcaster {
	const queue: { ids: string[]; event: string; payload: unknown }[] = [];
	let draining = false;
	const drain = () => {
		let budget = slice;
		while (queue.length > 0 && budget > 0) {
			const m = queue[0];
			const part = m.ids.splice(0, budget);
			budget -= part.length;
			io.to(part).emit(m.event, m.payload);
			if (m.ids.length === 0) queue.shift();
		}
		if (queue.length > 0) setImmediate(drain);
		else draining = false;
	};
	const members = (room: string) => io.of('/').adapter.rooms.get(room);
	return {
		emit(room, event, payload) {
			const ids = members(room);
			if (!ids || ids.size === 0) return;
			if (ids.size <= slice && queue.length === 0) {
				io.to(room).emit(event, payload);
				return;
			}
			queue.push({ ids: [...ids], event, payload });
			if (!draining) {
				draining = true;
				setImmediate(drain);
			}
		},
		roomSize: (room) => members(room)?.size ?? 0,
		join: (from, room) => io.in(from).socketsJoin(room),
		clear: (room) => io.in(room).socketsLeave(room)
	};
}
