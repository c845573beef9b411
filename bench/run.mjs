// `npm run bench`: the event-day load benchmark. Starts a fresh production server (embedded
// database, or PostgreSQL with DATABASE_URL), simulates N phones over worker processes plus one
// stage client, runs the scenarios, checks correctness against the database, then drives a bare
// socket.io server (the floor) with the same phones. Prints one table per scenario and writes the
// run as JSON to bench/results/.
//
// Flags: --n 2000 --join-s 10 --vote-s 2 --workers 2 --tally-ms 250 --scenarios join,vote --join-http 1 --profile
import { execSync, fork, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';

const arg = (name, fallback) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1] : fallback;
};
const N = Number(arg('n', 2000));
const JOIN_S = Number(arg('join-s', 10));
const VOTE_S = Number(arg('vote-s', 2));
const WORKERS = Number(arg('workers', 2));
const TALLY_MS = Number(arg('tally-ms', 250));
const SCENARIOS = String(arg('scenarios', 'join,vote')).split(',');
/** 0 skips the HTTP join call, to tell its cost from the socket handshake and snapshot. */
const JOIN_HTTP = arg('join-http', '1') !== '0';
/** Writes a V8 CPU profile of the server to bench/results/ (open it in Chrome DevTools). */
const PROFILE = process.argv.includes('--profile');
const PORT = 4401;
const FLOOR_PORT = 4402;
const url = `http://127.0.0.1:${PORT}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const pct = (xs, p) => {
	if (xs.length === 0) return NaN;
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const stats = (xs) => ({ n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99), max: pct(xs, 100) });

// ---- process probes (Linux /proc) ----
const rssKb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
const cpuTicks = (pid) => {
	const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return Number(f[11]) + Number(f[12]); // utime + stime, in clock ticks (100/s)
};

function startServer() {
	const dataDir = mkdtempSync(join(tmpdir(), 'plenum-bench-'));
	const env = { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', PLENUM_DATA_DIR: dataDir, PLENUM_DEMO: '0', TALLY_INTERVAL_MS: String(TALLY_MS), PLENUM_METRICS: '1', ORIGIN: url };
	const child = spawn(process.execPath, [...(PROFILE ? ['--cpu-prof', '--cpu-prof-dir=bench/results'] : []), 'server.js'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
	let log = '';
	const metrics = [];
	child.stdout.on('data', (d) => {
		log += d;
		for (const m of String(d).matchAll(/PLENUM_METRICS (\{.*\})/g)) metrics.push(JSON.parse(m[1]));
	});
	return { child, dataDir, log: () => log, metrics };
}

async function waitFor(fn, what, ms = 30_000) {
	const end = Date.now() + ms;
	while (Date.now() < end) {
		if (await fn().catch(() => false)) return;
		await sleep(100);
	}
	throw new Error(`timed out waiting for ${what}`);
}

async function api(path, body, token, method = 'POST') {
	const res = await fetch(url + path, {
		method,
		headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
	return text ? JSON.parse(text) : null;
}

/** Forks the phone workers and runs one command on all of them, gathering their replies. */
function workers(config) {
	const procs = Array.from({ length: WORKERS }, () => fork(new URL('./phones.mjs', import.meta.url), [], { stdio: 'inherit' }));
	const ask = (msgs, reply) =>
		Promise.all(
			procs.map(
				(p, i) =>
					new Promise((resolve) => {
						const on = (m) => {
							if (m.type === reply) {
								p.off('message', on);
								resolve(m);
							}
						};
						p.on('message', on);
						p.send(msgs[i]);
					})
			)
		);
	return {
		ready: ask(procs.map(() => ({ type: 'config', config })), 'ready'),
		ask,
		share: (n) => procs.map((_, i) => Math.floor(n / WORKERS) + (i < n % WORKERS ? 1 : 0)),
		close: () => ask(procs.map(() => ({ type: 'close' })), 'closed')
	};
}

async function runAgainst(target) {
	const { url: base, sessionId, code, pollId, stageToken, pid, metricsOf } = target;
	const out = {};
	const options = ['a', 'b', 'c', 'd'];
	const w = workers({ url: base, sessionId, code, pollId, options, http: target.http });
	await w.ready;
	const tallies = [];
	let stage = null;
	if (stageToken) {
		stage = io(base, { path: '/socket.io', transports: ['websocket'], auth: { sessionId, token: stageToken, view: 'stage' } });
		stage.on('tally', (t) => tallies.push({ ...t, at: Date.now() }));
		await new Promise((r) => stage.once('connect', r));
	}
	const probe = async (fn) => {
		const rss0 = rssKb(pid);
		const cpu0 = cpuTicks(pid);
		const t0 = Date.now();
		const r = await fn();
		const secs = (Date.now() - t0) / 1000;
		const loop = await metricsOf();
		return { ...r, wallS: secs, cpuPct: Math.round(((cpuTicks(pid) - cpu0) / 100 / secs) * 100), rssBeforeKb: rss0, rssAfterKb: rssKb(pid), loop };
	};

	await metricsOf(); // reset the loop histogram
	out.join = await probe(async () => {
		const replies = await w.ask(w.share(N).map((count) => ({ type: 'join', count, windowMs: JOIN_S * 1000 })), 'joined');
		const rs = replies.flatMap((r) => r.results);
		const failed = rs.filter((r) => !r.ok);
		return { joined: rs.length - failed.length, failed: failed.length, errors: [...new Set(failed.map((f) => f.error))].slice(0, 5), joinMs: stats(rs.filter((r) => r.ok).map((r) => r.ms)) };
	});
	await sleep(1500);
	out.join.rssPerPhoneKb = Math.round(((rssKb(pid) - out.join.rssBeforeKb) / Math.max(1, out.join.joined)) * 10) / 10;

	if (SCENARIOS.includes('vote')) {
		for (const phase of ['vote', 'change']) {
			tallies.length = 0;
			out[phase] = await probe(async () => {
				const replies = await w.ask(w.share(N).map(() => ({ type: phase, windowMs: VOTE_S * 1000 })), phase === 'vote' ? 'voted' : 'changed');
				const rs = replies.flatMap((r) => r.results);
				await sleep(TALLY_MS * 4 + 500); // let the last tallies land
				const acked = rs.filter((r) => r.ok);
				const first = Math.min(...rs.map((r) => r.sentAt));
				const last = Math.max(...rs.map((r) => r.ackAt));
				// vote → stage: the first stage tally whose version (taken before its read) is later than the ack.
				const toStage = stageToken
					? acked.map((r) => {
							const t = tallies.find((x) => x.version >= r.ackAt);
							return t ? t.at - r.sentAt : NaN;
						})
					: [];
				return {
					votes: rs.length,
					acked: acked.length,
					refused: [...new Set(rs.filter((r) => !r.ok).map((r) => r.error))],
					ackMs: stats(acked.map((r) => r.ackAt - r.sentAt)),
					stageMs: stageToken ? stats(toStage.filter((x) => !Number.isNaN(x))) : null,
					stageMissing: toStage.filter((x) => Number.isNaN(x)).length,
					votesPerS: Math.round(acked.length / Math.max(0.001, (last - first) / 1000)),
					choices: replies.flatMap((r) => r.choices),
					lastTally: tallies.at(-1) ?? null
				};
			});
		}
	}
	await w.close();
	stage?.disconnect();
	return out;
}

async function main() {
	if (!existsSync('build/handler.js')) {
		console.log('building the production server (npm run build)…');
		execSync('npm run build', { stdio: 'inherit' });
	}
	console.log(`Plenum bench: N=${N} phones over ${WORKERS} workers, joins within ${JOIN_S} s, votes within ${VOTE_S} s, tally every ${TALLY_MS} ms, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}; ${cpus().length} cores`);
	const server = startServer();
	let floor = null;
	const result = { at: new Date().toISOString(), n: N, joinS: JOIN_S, voteS: VOTE_S, tallyMs: TALLY_MS, workers: WORKERS, database: process.env.DATABASE_URL ? 'postgresql' : 'pglite', cores: cpus().length };
	try {
		await waitFor(async () => server.log().includes('listening'), 'the server');
		const metricsOf = async () => {
			const before = server.metrics.length;
			server.child.kill('SIGUSR2');
			await waitFor(async () => server.metrics.length > before, 'metrics', 5000);
			return server.metrics.at(-1);
		};
		const ev = await api('/api/events', { name: 'Bench event', languages: ['en'] });
		const s = await api('/api/event/sessions', { title: 'Plenary', room: 'Hall' }, ev.organiserToken);
		const poll = await api(`/api/sessions/${s.id}/polls`, { question: 'Which measure first?', options: ['Trees', 'Trams', 'Bikes', 'Shade'] }, s.moderatorToken);
		await api(`/api/polls/${poll.id}/open`, undefined, s.moderatorToken);
		await api(`/api/sessions/${s.id}/stage`, { mode: 'results', pollId: poll.id }, s.moderatorToken, 'PUT');
		const target = { url, sessionId: s.id, code: ev.event.joinCode, pollId: poll.id, stageToken: s.stageToken, pid: server.child.pid, metricsOf, http: JOIN_HTTP };
		result.plenum = await runAgainst(target);

		// Correctness: every acknowledged vote is in the database, and the stage's last tally equals it.
		const db = await api(`/api/polls/${poll.id}/results`, undefined, s.moderatorToken, 'GET');
		const final = result.plenum.change ?? result.plenum.vote;
		if (final) {
			const expected = {};
			for (const c of final.choices) if (c) expected[c] = (expected[c] ?? 0) + 1;
			const dbCounts = Object.fromEntries(db.options.map((o) => [o.id, o.count]));
			result.correctness = {
				expected,
				database: dbCounts,
				stage: final.lastTally?.counts ?? null,
				ackedAllInDb: JSON.stringify(sortKeys(expected)) === JSON.stringify(sortKeys(strip(dbCounts))),
				stageEqualsDb: JSON.stringify(sortKeys(strip(final.lastTally?.counts))) === JSON.stringify(sortKeys(strip(dbCounts)))
			};
		}
		for (const k of ['vote', 'change']) if (result.plenum[k]) delete result.plenum[k].choices;

		// The floor, same phones, same machine.
		floor = spawn(process.execPath, [new URL('./floor.mjs', import.meta.url).pathname], { env: { ...process.env, PORT: String(FLOOR_PORT) }, stdio: ['ignore', 'pipe', 'inherit'] });
		let flog = '';
		floor.stdout.on('data', (d) => (flog += d));
		await waitFor(async () => flog.includes('listening'), 'the floor');
		result.floor = await runAgainst({ url: `http://127.0.0.1:${FLOOR_PORT}`, sessionId: s.id, code: 'X', pollId: poll.id, stageToken: null, pid: floor.pid, metricsOf: async () => null, http: false });
	} finally {
		server.child.kill('SIGTERM');
		floor?.kill('SIGTERM');
		await sleep(500);
		rmSync(server.dataDir, { recursive: true, force: true });
	}
	report(result);
	mkdirSync('bench/results', { recursive: true });
	const file = `bench/results/bench-${result.at.replace(/[:.]/g, '-')}.json`;
	writeFileSync(file, JSON.stringify(result, null, 2));
	console.log(`\nwritten ${file}`);
	const ok = result.correctness ? result.correctness.ackedAllInDb && result.correctness.stageEqualsDb : true;
	process.exit(ok ? 0 : 1);
}

const strip = (c) => Object.fromEntries(Object.entries(c ?? {}).filter(([, v]) => v > 0));
const sortKeys = (o) => Object.fromEntries(Object.entries(o ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)));
const f = (x) => (x === null || x === undefined || Number.isNaN(x) ? '—' : String(x));

function report(r) {
	const p = r.plenum;
	console.log(`\n## Join wave: ${r.n} phones within ${r.joinS} s`);
	console.log('| | joined | failed | p50 ms | p95 ms | p99 ms | server CPU | RSS per phone | loop max ms |');
	console.log('|---|---|---|---|---|---|---|---|---|');
	for (const [name, x] of [['plenum', p.join], ['floor', r.floor?.join]]) {
		if (!x) continue;
		console.log(`| ${name} | ${x.joined} | ${x.failed} | ${f(x.joinMs.p50)} | ${f(x.joinMs.p95)} | ${f(x.joinMs.p99)} | ${x.cpuPct}% | ${f(x.rssPerPhoneKb)} KB | ${f(x.loop?.loopMaxMs)} |`);
	}
	for (const phase of ['vote', 'change']) {
		const x = p[phase];
		if (!x) continue;
		const fl = r.floor?.[phase];
		console.log(`\n## ${phase === 'vote' ? `Vote storm: ${r.n} votes` : `Change: half the phones change their vote`} within ${r.voteS} s`);
		console.log('| | acked / sent | ack p50 | ack p95 | ack p99 | vote→stage p50 | vote→stage p95 | votes/s | server CPU | loop max ms |');
		console.log('|---|---|---|---|---|---|---|---|---|---|');
		console.log(`| plenum | ${x.acked} / ${x.votes} | ${f(x.ackMs.p50)} | ${f(x.ackMs.p95)} | ${f(x.ackMs.p99)} | ${f(x.stageMs?.p50)} | ${f(x.stageMs?.p95)} | ${x.votesPerS} | ${x.cpuPct}% | ${f(x.loop?.loopMaxMs)} |`);
		if (fl) console.log(`| floor | ${fl.acked} / ${fl.votes} | ${f(fl.ackMs.p50)} | ${f(fl.ackMs.p95)} | ${f(fl.ackMs.p99)} | — | — | ${fl.votesPerS} | ${fl.cpuPct}% | — |`);
		if (fl) console.log(`ack p95 ratio to the floor: ${(x.ackMs.p95 / Math.max(1, fl.ackMs.p95)).toFixed(1)}×`);
		if (x.refused.length) console.log(`refused: ${x.refused.join(', ')}`);
	}
	if (r.correctness) {
		console.log(`\ncorrectness: every acknowledged vote in the database: ${r.correctness.ackedAllInDb ? 'yes' : 'NO'}; stage's last tally equals the database: ${r.correctness.stageEqualsDb ? 'yes' : 'NO'}`);
		console.log(`  expected ${JSON.stringify(r.correctness.expected)} database ${JSON.stringify(r.correctness.database)} stage ${JSON.stringify(r.correctness.stage)}`);
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
