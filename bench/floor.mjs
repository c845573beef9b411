// The floors: bare socket.io servers on the same machine and transport, driven by the same phones,
// so Plenum's figures can be read against what the machine and socket.io alone cost.
// - bare (default): acknowledges each action at once.
// - durable (FLOOR_DURABLE=1): appends each action to a file and acknowledges after a group-
//   committed fdatasync of it, on the same disk: the cost of "acknowledged means on disk".
// Both do the same fan-out work as Plenum: every TALLY_INTERVAL_MS, one versioned update per
// changed activity to every connected phone, stage and moderator. Its join: see `pages` below.
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { floorPages } from './floor-page.mjs';

const port = Number(process.env.PORT ?? 4402);
const tickMs = Number(process.env.TALLY_INTERVAL_MS ?? 250);
const durable = process.env.FLOOR_DURABLE === '1';
// Phones join as on Plenum (the join address, the session page, its scripts and stylesheets, the
// socket): bench/floor-page.mjs serves the same assets from memory with a static page. Without a
// production build the floor has no pages and its phones join with the socket alone.
const pages = floorPages();
const server = http.createServer((req, res) => {
	if (pages?.(req, res)) return;
	res.writeHead(200, { 'content-type': 'application/json' });
	res.end('{}');
});
const io = new Server(server, { path: '/socket.io' });

// The durable floor's log: a batch of actions, one write and one fdatasync, then their acks.
const dir = durable ? mkdtempSync(join(tmpdir(), 'plenum-floor-')) : null;
const fd = dir ? openSync(join(dir, 'actions.log'), 'a') : null;
let batch = [];
/** Commit numbers, as Plenum's (docs/api.md): in each ack, and the last one in each update. */
let seq = 0;
function commit(line, ack) {
	if (!durable) return ack(++seq);
	batch.push({ line, ack });
	if (batch.length === 1) setImmediate(flush);
}
function flush() {
	const jobs = batch;
	batch = [];
	writeSync(fd, jobs.map((j) => j.line).join(''));
	fdatasyncSync(fd);
	const n = ++seq;
	for (const j of jobs) j.ack(n);
}

// What changed since the last tick, per activity: counts by key.
const counts = { tally: new Map(), qa: new Map(), cloud: new Map() };
const dirty = new Set();
function count(kind, id, key) {
	let m = counts[kind].get(id);
	if (!m) counts[kind].set(id, (m = {}));
	m[key] = (m[key] ?? 0) + 1;
	dirty.add(`${kind}\0${id}`);
}
setInterval(() => {
	const version = Date.now();
	for (const d of dirty) {
		const [kind, id] = d.split('\0');
		const c = counts[kind].get(id);
		if (kind === 'tally') io.emit('tally', { pollId: id, counts: c, voters: Object.values(c).reduce((a, b) => a + b, 0), version, seq });
		// The stage's Q&A: the six most upvoted questions, as Plenum's stage view.
		else if (kind === 'qa')
			io.emit('qa', {
				version,
				seq,
				highlighted: null,
				top: Object.entries(c)
					.sort((a, b) => b[1] - a[1])
					.slice(0, 6)
					.map(([qid, upvotes]) => ({ id: qid, upvotes }))
			});
		else io.emit('cloud', { cloudId: id, version, seq, words: Object.entries(c).map(([display, n]) => ({ display, count: n })) });
	}
	dirty.clear();
}, tickMs).unref();

io.on('connection', (socket) => {
	socket.on('snapshot', (ack) => typeof ack === 'function' && ack({ ok: true, data: { tallies: [], qa: null, clouds: [], myVotes: {}, mine: null, myActivity: null } }));
	const handle = (event, kind, idOf, keyOf) =>
		socket.on(event, (p, ack) => {
			if (typeof ack !== 'function') return;
			commit(`${JSON.stringify([event, p])}\n`, (n) => {
				count(kind, idOf(p), keyOf(p));
				ack({ ok: true, data: p, seq: n });
			});
		});
	handle(
		'vote',
		'tally',
		(p) => p?.pollId,
		(p) => p?.choices?.[0]
	);
	handle(
		'qa:vote',
		'qa',
		() => 'qa',
		(p) => p?.questionId
	);
	handle(
		'cloud:submit',
		'cloud',
		(p) => p?.cloudId,
		(p) => p?.text
	);
});
server.listen(port, '127.0.0.1', () => console.log(`floor${durable ? ' (durable)' : ''} listening on ${port}`));
const stop = () => {
	if (fd !== null) closeSync(fd);
	if (dir) rmSync(dir, { recursive: true, force: true });
	process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
