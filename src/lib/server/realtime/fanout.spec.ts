import { describe, expect, it } from 'vitest';
import type { Server } from 'socket.io';
import { slicedBroadcaster } from './fanout';

/** A stand-in for socket.io's server: rooms of socket ids, and a log of what each socket received. */
function fakeIo(rooms: Record<string, string[]>) {
	const got = new Map<string, string[]>();
	const order: string[] = [];
	const io = {
		of: () => ({ adapter: { rooms: new Map(Object.entries(rooms).map(([k, v]) => [k, new Set(v)])) } }),
		to: (target: string | string[]) => ({
			emit: (event: string, payload: string) => {
				const ids = Array.isArray(target) ? target : rooms[target];
				for (const id of ids) got.set(id, [...(got.get(id) ?? []), payload]);
				order.push(`${payload}:${ids.length}`);
			}
		})
	};
	return { io: io as unknown as Server, got, order };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('sliced fan-out', () => {
	const hall = Array.from({ length: 10 }, (_, i) => `p${i}`);

	it('sends a big room a slice per event-loop turn, and every socket gets every message once, in order', async () => {
		const { io, got, order } = fakeIo({ hall });
		const out = slicedBroadcaster(io, 4);
		out.emit('hall', 'tally', 't1');
		out.emit('hall', 'tally', 't2');
		expect(order).toEqual([]); // nothing written in the caller's turn
		await turn();
		expect(order).toEqual(['t1:4']);
		for (let i = 0; i < 6; i++) await turn();
		for (const id of hall) expect(got.get(id)).toEqual(['t1', 't2']);
	});

	it('lets the stage pass the hall’s backlog, but keeps a phone’s own message behind its queued ones', async () => {
		const { io, got, order } = fakeIo({ hall, stage: ['s1'], me: ['p9'] });
		const out = slicedBroadcaster(io, 4);
		out.emit('hall', 'tally', 'hall-1');
		out.emit('stage', 'tally', 'stage-1');
		out.emit('me', 'qa:mine', 'mine-1');
		expect(order).toEqual(['stage-1:1']); // at once: the stage shares no socket with the queue
		for (let i = 0; i < 5; i++) await turn();
		expect(got.get('p9')).toEqual(['hall-1', 'mine-1']);
		expect(got.get('s1')).toEqual(['stage-1']);
		out.emit('me', 'qa:mine', 'mine-2'); // the queue is empty again: sent at once
		expect(got.get('p9')).toEqual(['hall-1', 'mine-1', 'mine-2']);
	});

	it('holds a reply until the messages queued before it are out, but not behind later ones', async () => {
		const { io, got } = fakeIo({ hall });
		const out = slicedBroadcaster(io, 4);
		out.emit('hall', 'tally', 't1');
		let released = false;
		const reply = out.flushed!('p9').then(() => (released = true));
		out.emit('hall', 'tally', 't2');
		await turn();
		await turn();
		await turn(); // t1 has reached p9 (10 sockets, 4 per turn); t2 has not
		await reply;
		expect(released).toBe(true);
		expect(got.get('p9')).toEqual(['t1']);
		await expect(out.flushed!('s-unknown')).resolves.toBeUndefined(); // nothing queued: at once
	});

	it('goes on after a message that cannot be sent', async () => {
		const { io, got } = fakeIo({ hall });
		const failing = {
			...io,
			to: (t: string | string[]) => ({
				emit: (e: string, p: string) =>
					p === 'bad'
						? (() => {
								throw new Error('cannot encode');
							})()
						: io.to(t).emit(e, p)
			})
		} as unknown as Server;
		const out = slicedBroadcaster(failing, 4);
		const errors = console.error;
		console.error = () => {};
		try {
			out.emit('hall', 'tally', 'bad');
			out.emit('hall', 'tally', 'good');
			for (let i = 0; i < 8; i++) await turn();
		} finally {
			console.error = errors;
		}
		for (const id of hall) expect(got.get(id)).toEqual(['good']);
		await expect(out.flushed!('p0')).resolves.toBeUndefined();
	});
});
