// A worker process of `npm run bench`: simulates many phones with socket.io-client and reports
// per-action timings to the parent. Commands arrive over IPC: join, act (vote, change, upvote,
// cloud), lookup, verify, close. With `retry`, a phone behaves like the app's outbox: it keeps the action's
// id and sends it again after a reconnect until it is acknowledged (the restart scenario).
//
// Open loop: the parent gives each command a start time; every action has an intended send time
// (start + a random offset in the window) and its latency runs from that time, so a phone that the
// machine delays (its timer fires late) counts the delay. Times are high-resolution epoch
// milliseconds (performance.timeOrigin + performance.now()), comparable across processes.
import { randomBytes, randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import { loadJoinPage } from './page.mjs';

const phones = [];
let cfg = null;

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Waits until `t` has passed: a timer may fire a fraction of a millisecond early, and a send before its intended time would count a negative latency. */
async function sleepUntil(t) {
	for (let left = t - now(); left > 0; left = t - now()) {
		// A timer for most of the wait, then a few event-loop turns: a timer of 1 ms would add up to 1 ms.
		await (left > 2 ? sleep(left - 2) : new Promise((r) => setImmediate(r)));
	}
}
const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];
const ACK_TIMEOUT_MS = 30_000;

/** This worker's event-loop delay while `fn` runs: how late its phones' timers and sockets were served. */
async function measuringLoop(fn) {
	const h = monitorEventLoopDelay({ resolution: 10 });
	h.enable();
	try {
		return { value: await fn(), loop: { p99Ms: h.percentile(99) / 1e6, maxMs: h.max / 1e6 } };
	} finally {
		h.disable();
	}
}

/**
 * Times one phone's arrival, open loop: from its intended time, a failure counted at the time it
 * failed. `fn` does the work and returns what to record besides the timing.
 */
async function timed(intended, fn) {
	await sleepUntil(intended);
	const lagMs = now() - intended;
	try {
		const extra = await fn();
		return { ok: true, at: intended, ms: now() - intended, lagMs, ...extra };
	} catch (e) {
		return { ok: false, at: intended, ms: now() - intended, lagMs, error: String(e?.message ?? e) };
	}
}

/**
 * A phone joins as a real one does on its first visit (bench/page.mjs): the join address, the
 * redirect, the server-rendered session page, its scripts and stylesheets, then the socket with the
 * cookie the server set, and a snapshot on connect. With `cfg.page` false (the floor, or
 * --join-page 0): the socket and the snapshot only, with a cookie of its own.
 */
function joinOne(i, intended) {
	return timed(intended, async () => {
		let cookie = `plenum_pid=${randomBytes(24).toString('base64url')}`;
		let sessionId = cfg.sessionId;
		let page = { bytes: 0, requests: 0, setCookie: false };
		if (cfg.page) {
			page = await loadJoinPage(cfg.url, cfg.code, cookie);
			cookie = page.cookie;
			sessionId = page.sessionId;
		}
		const socket = io(cfg.url, {
			path: '/socket.io',
			transports: ['websocket'],
			extraHeaders: { cookie },
			auth: { sessionId },
			reconnectionDelay: 500,
			reconnectionDelayMax: 3000,
			timeout: 20_000
		});
		try {
			await new Promise((resolve, reject) => {
				socket.once('connect', resolve);
				socket.once('connect_error', reject);
			});
			const snap = await socket.timeout(20_000).emitWithAck('snapshot');
			if (snap && snap.ok === false) throw new Error(snap.error.code);
		} catch (e) {
			socket.disconnect();
			throw e;
		}
		for (const e of ['tally', 'qa', 'cloud', 'state']) socket.on(e, () => {}); // phones receive updates like real ones
		phones[i] = { socket, votes: {}, upvoted: null, entries: {} };
		return { bytes: page.bytes, requests: page.requests, setCookie: page.setCookie };
	});
}

/** The HTTP lookup alone, `GET /api/join/<code>`, as the join form does: no page, no socket. */
const lookupOne = (intended) =>
	timed(intended, async () => {
		const res = await fetch(`${cfg.url}/api/join/${cfg.code}`, { headers: { cookie: `plenum_pid=${randomBytes(24).toString('base64url')}`, 'accept-encoding': 'gzip, br' } });
		await res.arrayBuffer();
		if (!res.ok) throw new Error(`lookup ${res.status}`);
		return {};
	});

/** One action, acknowledged or refused; with `retry`, sent again (same payload, same id) until acknowledged. */
async function send(p, event, payload, retry) {
	let attempts = 0;
	for (;;) {
		attempts++;
		if (retry && !p.socket.connected) await new Promise((r) => p.socket.once('connect', r));
		// Like the app's outbox: an action whose ack was lost with the connection is sent again as soon
		// as the socket is back, not only when its ack times out.
		const ack = p.socket.timeout(retry ? 4000 : ACK_TIMEOUT_MS).emitWithAck(event, payload);
		ack.catch(() => {});
		let onReconnect;
		const reconnected = new Promise((_, reject) => {
			onReconnect = () => reject(new Error('reconnected'));
			if (retry) p.socket.io.once('reconnect', onReconnect);
		});
		try {
			const res = await Promise.race([ack, reconnected]);
			if (res?.ok || !retry || res?.error?.code !== 'unavailable') return { res, attempts };
			await sleep(300);
		} catch {
			if (!retry) return { res: { ok: false, error: { code: 'timeout' } }, attempts };
		} finally {
			p.socket.io.off('reconnect', onReconnect);
		}
	}
}

const actions = {
	vote: (p, msg) => {
		const pollId = msg.pollId ?? cfg.pollId;
		const choice = pick(cfg.options.filter((o) => o !== p.votes[pollId]));
		return { event: 'vote', payload: { pollId, choices: [choice], submissionId: randomUUID() }, target: choice, done: () => (p.votes[pollId] = choice) };
	},
	upvote: (p, msg) => {
		const q = pick(msg.questionIds);
		return { event: 'qa:vote', payload: { questionId: q, value: 1, submissionId: randomUUID() }, target: q, done: () => (p.upvoted = q) };
	},
	cloud: (p, msg) => {
		const word = pick(msg.words);
		return { event: 'cloud:submit', payload: { cloudId: msg.cloudId, id: randomUUID(), text: word }, target: word, done: () => (p.entries[msg.cloudId] ??= []).push(word) };
	}
};

async function actOne(p, intended, msg) {
	await sleepUntil(intended);
	const a = actions[msg.action](p, msg);
	const sentAt = now();
	const { res, attempts } = await send(p, a.event, a.payload, msg.retry);
	const ackAt = now();
	if (res?.ok) a.done();
	// sentAt is the intended time (open loop); lagMs says how late the phone actually sent.
	// seq: the commit that stored the action; the first update numbered at or past it shows it.
	return { ok: !!res?.ok, sentAt: intended, lagMs: sentAt - intended, ackAt, seq: res?.seq ?? null, target: a.target, attempts, error: res?.ok ? undefined : res?.error?.code };
}

/**
 * Each phone asks the server for its own state (the snapshot a reconnecting phone gets) and
 * compares it with its last acknowledged actions: its vote per poll, its upvote, its entries.
 */
async function verifyOne(p, msg) {
	const snap = await p.socket
		.timeout(20_000)
		.emitWithAck('snapshot')
		.catch(() => null);
	if (!snap?.ok) return { ok: false, why: 'no snapshot' };
	const d = snap.data;
	for (const pollId of msg.pollIds ?? []) {
		const server = d.myVotes?.[pollId]?.[0] ?? null;
		if (server !== (p.votes[pollId] ?? null)) return { ok: false, why: `vote on ${pollId.slice(0, 8)}: server ${server}, last ack ${p.votes[pollId] ?? null}` };
	}
	if (msg.questions) {
		const server = Object.keys(d.mine?.votes ?? {}).filter((q) => d.mine.votes[q] === 1);
		const mine = p.upvoted ? [p.upvoted] : [];
		if (JSON.stringify(server) !== JSON.stringify(mine)) return { ok: false, why: `upvotes: server ${server}, last ack ${mine}` };
	}
	if (msg.cloudId) {
		const server = (d.myActivity?.entries?.[msg.cloudId] ?? []).map((e) => e.text).sort();
		const mine = [...(p.entries[msg.cloudId] ?? [])].sort();
		if (JSON.stringify(server) !== JSON.stringify(mine)) return { ok: false, why: `entries: server ${server}, last ack ${mine}` };
	}
	return { ok: true };
}

process.on('message', async (msg) => {
	if (msg.type === 'config') {
		cfg = msg.config;
		process.send({ type: 'ready' });
	} else if (msg.type === 'join' || msg.type === 'lookup') {
		// Phones join in waves (half, then the rest): each wave's phones follow the earlier ones.
		const first = phones.length;
		const one = msg.type === 'join' ? (i, at) => joinOne(first + i, at) : (_, at) => lookupOne(at);
		if (msg.type === 'join') phones.length += msg.count;
		const { value: results, loop } = await measuringLoop(() => Promise.all(Array.from({ length: msg.count }, (_, i) => one(i, msg.startAt + Math.random() * msg.windowMs))));
		process.send({ type: msg.type === 'join' ? 'joined' : 'looked up', results, loop });
	} else if (msg.type === 'act') {
		const live = phones.filter(Boolean);
		const who = msg.half ? live.filter((_, i) => i % 2 === 0) : live;
		const { value: results, loop } = await measuringLoop(() => Promise.all(who.map((p) => actOne(p, msg.startAt + Math.random() * msg.windowMs, msg))));
		const pollId = msg.pollId ?? cfg.pollId;
		process.send({
			type: 'acted',
			results,
			loop,
			state: {
				choices: live.map((p) => p.votes[pollId] ?? null),
				upvoted: live.map((p) => p.upvoted),
				entries: live.flatMap((p) => Object.values(p.entries).flat())
			}
		});
	} else if (msg.type === 'verify') {
		const live = phones.filter(Boolean);
		const results = await Promise.all(live.map((p) => verifyOne(p, msg)));
		const wrong = results.filter((r) => !r.ok);
		process.send({ type: 'verified', checked: results.length, wrong: wrong.length, examples: wrong.slice(0, 3).map((r) => r.why) });
	} else if (msg.type === 'close') {
		for (const p of phones) p?.socket.disconnect();
		process.send({ type: 'closed' });
		setTimeout(() => process.exit(0), 50);
	}
});
