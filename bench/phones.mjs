// A worker process of `npm run bench`: simulates many phones with socket.io-client and reports
// per-action timings to the parent. Commands arrive over IPC: join, act (vote, change, upvote,
// cloud), close. With `retry`, a phone behaves like the app's outbox: it keeps the action's id and
// sends it again after a reconnect until it is acknowledged (the restart scenario).
import { randomBytes, randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';

const phones = [];
let cfg = null;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];

async function joinOne(i, at) {
	await sleep(at);
	const secret = randomBytes(24).toString('base64url');
	const cookie = `plenum_pid=${secret}`;
	const t0 = Date.now();
	try {
		if (cfg.http) {
			const res = await fetch(`${cfg.url}/api/join/${cfg.code}`, { headers: { cookie } });
			await res.arrayBuffer();
			if (!res.ok) throw new Error(`join ${res.status}`);
		}
		const socket = io(cfg.url, {
			path: '/socket.io',
			transports: ['websocket'],
			extraHeaders: { cookie },
			auth: { sessionId: cfg.sessionId },
			reconnectionDelay: 500,
			reconnectionDelayMax: 3000,
			timeout: 20_000
		});
		await new Promise((resolve, reject) => {
			socket.once('connect', resolve);
			socket.once('connect_error', reject);
		});
		const snap = await socket.timeout(20_000).emitWithAck('snapshot');
		if (snap && snap.ok === false) throw new Error(snap.error.code);
		for (const e of ['tally', 'qa', 'cloud', 'state']) socket.on(e, () => {}); // phones receive updates like real ones
		phones[i] = { socket, choice: null, upvoted: null, entries: [] };
		return { ok: true, ms: Date.now() - t0 };
	} catch (e) {
		return { ok: false, ms: Date.now() - t0, error: String(e?.message ?? e) };
	}
}

/** One action, acknowledged or refused; with `retry`, sent again (same payload, same id) until acknowledged. */
async function send(p, event, payload, retry) {
	let attempts = 0;
	for (;;) {
		attempts++;
		if (retry && !p.socket.connected) await new Promise((r) => p.socket.once('connect', r));
		// Like the app's outbox: an action whose ack was lost with the connection is sent again as soon
		// as the socket is back, not only when its ack times out.
		const ack = p.socket.timeout(retry ? 4000 : 30_000).emitWithAck(event, payload);
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
	vote: (p) => {
		const choice = pick(cfg.options.filter((o) => o !== p.choice));
		return { event: 'vote', payload: { pollId: cfg.pollId, choices: [choice], submissionId: randomUUID() }, target: choice, done: () => (p.choice = choice) };
	},
	upvote: (p, msg) => {
		const q = pick(msg.questionIds);
		return { event: 'qa:vote', payload: { questionId: q, value: 1, submissionId: randomUUID() }, target: q, done: () => (p.upvoted = q) };
	},
	cloud: (p, msg) => {
		const word = pick(msg.words);
		return { event: 'cloud:submit', payload: { cloudId: msg.cloudId, id: randomUUID(), text: word }, target: word, done: () => p.entries.push(word) };
	}
};

async function actOne(p, at, msg) {
	await sleep(at);
	const a = actions[msg.action](p, msg);
	const sentAt = Date.now();
	const { res, attempts } = await send(p, a.event, a.payload, msg.retry);
	const ackAt = Date.now();
	if (res?.ok) a.done();
	return { ok: !!res?.ok, sentAt, ackAt, target: a.target, attempts, error: res?.ok ? undefined : res?.error?.code };
}

process.on('message', async (msg) => {
	if (msg.type === 'config') {
		cfg = msg.config;
		process.send({ type: 'ready' });
	} else if (msg.type === 'join') {
		const results = await Promise.all(Array.from({ length: msg.count }, (_, i) => joinOne(i, Math.random() * msg.windowMs)));
		process.send({ type: 'joined', results });
	} else if (msg.type === 'act') {
		const live = phones.filter(Boolean);
		const who = msg.half ? live.filter((_, i) => i % 2 === 0) : live;
		const results = await Promise.all(who.map((p) => actOne(p, Math.random() * msg.windowMs, msg)));
		process.send({
			type: 'acted',
			results,
			state: { choices: live.map((p) => p.choice), upvoted: live.map((p) => p.upvoted), entries: live.flatMap((p) => p.entries) }
		});
	} else if (msg.type === 'close') {
		for (const p of phones) p?.socket.disconnect();
		process.send({ type: 'closed' });
		setTimeout(() => process.exit(0), 50);
	}
});
