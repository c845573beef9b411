// A worker process of `npm run bench`: simulates many phones with socket.io-client and reports
// per-action timings to the parent. Commands arrive over IPC: join, vote, change, close.
import { randomBytes, randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';

const phones = [];
let cfg = null;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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
			reconnection: false,
			timeout: 20_000
		});
		await new Promise((resolve, reject) => {
			socket.once('connect', resolve);
			socket.once('connect_error', reject);
		});
		const snap = await socket.timeout(20_000).emitWithAck('snapshot');
		if (snap && snap.ok === false) throw new Error(snap.error.code);
		socket.on('tally', () => {}); // phones receive tallies like real ones
		phones[i] = { socket, choice: null };
		return { ok: true, ms: Date.now() - t0 };
	} catch (e) {
		return { ok: false, ms: Date.now() - t0, error: String(e?.message ?? e) };
	}
}

async function voteOne(p, at, choice) {
	await sleep(at);
	const submissionId = randomUUID();
	const sentAt = Date.now();
	try {
		const res = await p.socket.timeout(30_000).emitWithAck('vote', { pollId: cfg.pollId, choices: [choice], submissionId });
		const ackAt = Date.now();
		if (res?.ok) p.choice = choice;
		return { ok: !!res?.ok, sentAt, ackAt, choice, error: res?.ok ? undefined : res?.error?.code };
	} catch (e) {
		return { ok: false, sentAt, ackAt: Date.now(), choice, error: 'timeout' };
	}
}

process.on('message', async (msg) => {
	if (msg.type === 'config') {
		cfg = msg.config;
		process.send({ type: 'ready' });
	} else if (msg.type === 'join') {
		const results = await Promise.all(Array.from({ length: msg.count }, (_, i) => joinOne(i, Math.random() * msg.windowMs)));
		process.send({ type: 'joined', results });
	} else if (msg.type === 'vote' || msg.type === 'change') {
		const live = phones.filter(Boolean);
		const who = msg.type === 'vote' ? live : live.filter((_, i) => i % 2 === 0);
		const results = await Promise.all(
			who.map((p) => {
				const others = cfg.options.filter((o) => o !== p.choice);
				return voteOne(p, Math.random() * msg.windowMs, others[Math.floor(Math.random() * others.length)]);
			})
		);
		process.send({ type: msg.type === 'vote' ? 'voted' : 'changed', results, choices: live.map((p) => p.choice) });
	} else if (msg.type === 'close') {
		for (const p of phones) p?.socket.disconnect();
		process.send({ type: 'closed' });
		setTimeout(() => process.exit(0), 50);
	}
});
