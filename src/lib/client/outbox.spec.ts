import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Ack } from '$lib/realtime/protocol';
import { Outbox } from './outbox.svelte';

type Payload = { text: string };
type Result = { text: string };

/** The part of LiveSession an outbox uses: whether the socket is up, and its reconnect hook. */
function fakeLive() {
	const hooks: (() => void)[] = [];
	return {
		connected: true,
		whenOnline: (fn: () => void) => void hooks.push(fn),
		reconnect() {
			this.connected = true;
			for (const fn of hooks) fn();
		}
	};
}

/** A send whose answers the test gives one by one, in the order the sends were made. */
function wire() {
	const calls: { payload: Payload; id: string; answer: (a: Ack<Result>) => void }[] = [];
	const send = vi.fn((payload: Payload, id: string) => new Promise<Ack<Result>>((answer) => calls.push({ payload, id, answer })));
	return { calls, send };
}

const ok = (text: string): Ack<Result> => ({ ok: true, data: { text } });
const unavailable: Ack<Result> = { ok: false, error: { code: 'unavailable', message: 'offline' } };
const refusal: Ack<Result> = { ok: false, error: { code: 'rate_limited', message: 'slow down' } };
/** Lets the outbox's awaits run. */
const settle = () => new Promise<void>((r) => setTimeout(r, 0));

function setup() {
	const live = fakeLive();
	const socket = wire();
	// The HTTP fallback: a network that is down (fetch rejects), as postAck sees it.
	const fetch = vi.fn(async (_url: string, _init: { body: string }) => Promise.reject(new TypeError('offline')));
	vi.stubGlobal('fetch', fetch);
	const acked = vi.fn();
	const refusedFn = vi.fn();
	const outbox = new Outbox<Payload, Result>(live, {
		socket: socket.send,
		http: (p, id) => [`/api/things`, { ...p, id }],
		acked,
		refused: refusedFn
	});
	return { live, socket, fetch, acked, refused: refusedFn, outbox };
}

describe('Outbox', () => {
	beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true }));
	afterEach(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});

	it('shows an action at once, and applies its acknowledgement exactly once', async () => {
		const { live, socket, acked, outbox } = setup();
		void outbox.push({ text: 'Solar' });
		expect(outbox.items.map((i) => [i.payload.text, i.status])).toEqual([['Solar', 'sending']]);
		socket.calls[0].answer(ok('Solar'));
		await settle();
		expect(outbox.items).toEqual([]);
		expect(acked).toHaveBeenCalledTimes(1);
		expect(acked).toHaveBeenCalledWith({ text: 'Solar' }, { text: 'Solar' });
		// A later reconnect finds nothing to send again.
		live.reconnect();
		await settle();
		expect(socket.send).toHaveBeenCalledTimes(1);
		expect(acked).toHaveBeenCalledTimes(1);
	});

	it('goes over HTTP while the socket is down, keeps the action queued, and resends it with the same id on reconnect', async () => {
		const { live, socket, fetch, acked, outbox } = setup();
		live.connected = false;
		void outbox.push({ text: 'Trams' });
		await settle();
		expect(socket.send).not.toHaveBeenCalled();
		expect(fetch).toHaveBeenCalledTimes(1);
		expect(outbox.items.map((i) => i.status)).toEqual(['queued']);
		const id = outbox.items[0].id;
		expect(fetch.mock.calls[0][0]).toBe('/api/things');
		expect(JSON.parse(fetch.mock.calls[0][1].body)).toEqual({ text: 'Trams', id });
		live.reconnect();
		await settle();
		expect(socket.send).toHaveBeenCalledTimes(1);
		expect(socket.calls[0].id).toBe(id);
		socket.calls[0].answer(ok('Trams'));
		await settle();
		expect(acked).toHaveBeenCalledTimes(1);
		expect(outbox.items).toEqual([]);
	});

	it('sends actions in order, one at a time, and what follows a failed one waits behind it', async () => {
		const { live, socket, acked, outbox } = setup();
		void outbox.push({ text: 'a' });
		void outbox.push({ text: 'b' });
		void outbox.push({ text: 'c' });
		// Only the first is in flight until it is answered.
		expect(socket.calls.map((c) => c.payload.text)).toEqual(['a']);
		socket.calls[0].answer(unavailable);
		await settle();
		expect(outbox.items.map((i) => [i.payload.text, i.status])).toEqual([
			['a', 'queued'],
			['b', 'queued'],
			['c', 'queued']
		]);
		live.reconnect();
		await settle();
		socket.calls[1].answer(ok('a'));
		await settle();
		socket.calls[2].answer(ok('b'));
		await settle();
		socket.calls[3].answer(ok('c'));
		await settle();
		expect(socket.calls.map((c) => c.payload.text)).toEqual(['a', 'a', 'b', 'c']);
		expect(acked.mock.calls.map(([p]) => p.text)).toEqual(['a', 'b', 'c']);
	});

	it('keeps a refusal, with its error, until the user dismisses it, and sends what follows', async () => {
		const { live, socket, acked, refused, outbox } = setup();
		void outbox.push({ text: 'too fast' });
		void outbox.push({ text: 'fine' });
		socket.calls[0].answer(refusal);
		await settle();
		socket.calls[1].answer(ok('fine'));
		await settle();
		expect(acked).toHaveBeenCalledTimes(1);
		expect(refused).toHaveBeenCalledTimes(1);
		expect(outbox.items.map((i) => [i.payload.text, i.status, i.error?.code])).toEqual([['too fast', 'error', 'rate_limited']]);
		expect(outbox.waiting).toEqual([]);
		// Neither a reconnect nor a later action sends it again or drops it.
		live.reconnect();
		void outbox.push({ text: 'later' });
		socket.calls[2].answer(ok('later'));
		await settle();
		expect(socket.calls.map((c) => c.payload.text)).toEqual(['too fast', 'fine', 'later']);
		expect(outbox.items.map((i) => i.payload.text)).toEqual(['too fast']);
		outbox.dismiss(outbox.items[0].id);
		expect(outbox.items).toEqual([]);
	});

	it('retries after an ack timeout with the same id, and a reconnect meanwhile does not send a second copy', async () => {
		const { live, socket, acked, outbox } = setup();
		void outbox.push({ text: 'Bikes' });
		socket.calls[0].answer(unavailable); // the ack timed out: the server may or may not have it
		await settle();
		expect(socket.send).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(1000); // the backoff's first step
		expect(socket.send).toHaveBeenCalledTimes(2);
		live.reconnect(); // while the retry is in flight
		await settle();
		expect(socket.send).toHaveBeenCalledTimes(2);
		expect(socket.calls[1].id).toBe(socket.calls[0].id);
		socket.calls[1].answer(ok('Bikes'));
		await settle();
		await vi.advanceTimersByTimeAsync(20_000);
		expect(socket.send).toHaveBeenCalledTimes(2);
		expect(acked).toHaveBeenCalledTimes(1);
	});

	it('lets a newer action on the same key replace one not sent yet, and ignores the answer to one already in flight', async () => {
		const { socket, acked, outbox } = setup();
		void outbox.push({ text: 'first' }, 'poll-1');
		void outbox.push({ text: 'other' }, 'poll-2');
		void outbox.push({ text: 'second' }, 'poll-1'); // 'first' is in flight
		void outbox.push({ text: 'third' }, 'poll-2'); // 'other' waits: replaced
		expect(outbox.items.map((i) => i.payload.text)).toEqual(['second', 'third']);
		expect(outbox.find('poll-1')?.payload.text).toBe('second');
		socket.calls[0].answer(ok('first'));
		await settle();
		socket.calls[1].answer(ok('second'));
		await settle();
		socket.calls[2].answer(ok('third'));
		await settle();
		expect(socket.calls.map((c) => c.payload.text)).toEqual(['first', 'second', 'third']);
		expect(acked.mock.calls.map(([p]) => p.text)).toEqual(['second', 'third']);
		expect(new Set(socket.calls.map((c) => c.id)).size).toBe(3);
	});

	it('lets a newer action on a key replace its refusal', async () => {
		const { socket, outbox } = setup();
		void outbox.push({ text: 'refused' }, 'q');
		socket.calls[0].answer(refusal);
		await settle();
		expect(outbox.find('q')?.error?.code).toBe('rate_limited');
		void outbox.push({ text: 'again' }, 'q');
		expect(outbox.items.map((i) => [i.payload.text, i.status])).toEqual([['again', 'sending']]);
	});
});
