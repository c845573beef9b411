import type { Server } from 'socket.io';
import type { Broadcaster } from './hub';

/**
 * The socket.io side of the hub: rooms as socket.io rooms, with the fan-out sliced. Writing one
 * tally to 2,000 phones takes tens of milliseconds of socket writes; done in one go, every tally
 * tick would stall the server (and the votes waiting for their acks). So a big room is sent a few
 * hundred sockets per event-loop turn.
 *
 * Order: each socket gets its messages in the order the hub sent them. A message waits in the
 * queue only while one of its sockets has an earlier message still queued; so the stage and the
 * moderators, who share no socket with the hall, never wait behind the hall's fan-out. The
 * room's members are taken when the hub sends, so who may see a message is decided then.
 */
export function slicedBroadcaster(io: Server, slice = 250): Broadcaster {
	const queue: { ids: string[]; event: string; payload: unknown }[] = [];
	/** Socket id → how many queued messages still have to reach it. */
	const waiting = new Map<string, number>();
	let draining = false;
	const drain = () => {
		let budget = slice;
		while (queue.length > 0 && budget > 0) {
			const m = queue[0];
			const part = m.ids.splice(0, budget);
			budget -= part.length;
			io.to(part).emit(m.event, m.payload);
			for (const id of part) {
				const n = waiting.get(id)! - 1;
				if (n === 0) waiting.delete(id);
				else waiting.set(id, n);
			}
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
			if (ids.size <= slice && ![...ids].some((id) => waiting.has(id))) {
				io.to(room).emit(event, payload);
				return;
			}
			const list = [...ids];
			for (const id of list) waiting.set(id, (waiting.get(id) ?? 0) + 1);
			queue.push({ ids: list, event, payload });
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
