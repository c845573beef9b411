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
 * room's members are taken when the hub sends, so who may see a message is decided then. A
 * snapshot reply waits for the messages its socket is still owed (`flushed`), so an older update
 * never lands after the newer snapshot.
 */
export function slicedBroadcaster(io: Server, slice = 250): Broadcaster {
	const queue: { ids: string[]; event: string; payload: unknown }[] = [];
	/** Socket id → how many queued messages still have to reach it. */
	const waiting = new Map<string, number>();
	/** Socket id → replies held until the messages queued before them are out (see `flushed`). */
	const held = new Map<string, { remaining: number; release: () => void }[]>();
	let draining = false;
	const sent = (id: string) => {
		const n = waiting.get(id)! - 1;
		if (n > 0) waiting.set(id, n);
		else waiting.delete(id);
		const replies = held.get(id);
		if (!replies) return;
		// Messages leave in order: the first `remaining` sent are those queued before the reply.
		for (const r of replies) if (--r.remaining === 0) r.release();
		const still = replies.filter((r) => r.remaining > 0);
		if (still.length > 0) held.set(id, still);
		else held.delete(id);
	};
	const drain = () => {
		let budget = slice;
		while (queue.length > 0 && budget > 0) {
			const m = queue[0];
			const part = m.ids.splice(0, budget);
			budget -= part.length;
			try {
				io.to(part).emit(m.event, m.payload);
			} catch (e) {
				console.error('fan-out failed', e); // the queue goes on: one bad message must not stop the others
			}
			for (const id of part) sent(id);
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
		flushed(socketId) {
			const remaining = waiting.get(socketId) ?? 0;
			if (remaining === 0) return Promise.resolve();
			// Only what is queued now: later messages must not hold the reply back in a long storm.
			return new Promise<void>((release) => held.set(socketId, [...(held.get(socketId) ?? []), { remaining, release }]));
		},
		roomSize: (room) => members(room)?.size ?? 0,
		join: (from, room) => io.in(from).socketsJoin(room),
		clear: (room) => io.in(room).socketsLeave(room)
	};
}
