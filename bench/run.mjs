// `npm run bench`: the event-day load benchmark. Starts a fresh production server (embedded
// database, or PostgreSQL with DATABASE_URL), simulates N phones over worker processes plus one
// stage and one moderator client, runs the scenarios, checks correctness against the database,
// then drives a bare socket.io server (the floor) with the same phones. Prints one table per
// scenario and writes the run as JSON to bench/results/.
//
// Scenarios: join (join wave: each phone loads /<code>, follows the redirect to the session page,
// fetches its scripts and stylesheets, opens its socket with the cookie the server set and takes a
// snapshot, in two halves with the memory per phone measured between them; bench/joins.mjs; always
// runs), lookup (the join form's HTTP lookup alone, GET /api/join/<code>, N within the join window),
// vote (vote storm, then half change), qa (upvote storm on 20 questions), cloud (word-cloud burst),
// kill (SIGKILL mid vote storm, restart, phones retry), offline (a real phone in Chromium offline
// for 30 s; Playwright's RS1 test). CPU is sampled every 100 ms (bench/cpu.mjs) for the server,
// PostgreSQL's processes (with DATABASE_URL) and the phones, and read over each scenario's busy
// window (first intended send to last ack) and as its busiest second.
// Flags: --n 2000 --join-s 10 --vote-s 2 --workers 2 --tally-ms 250
//        --scenarios join,lookup,vote,qa,cloud,kill,offline --join-page 1 (0: socket and snapshot
//        only, on Plenum and the floors) --offline-s 30 --profile --durable-floor 1
//        --kills 3 --port 4401 (the floors use the next port) --real-stage 1 (0: no stage page in Chromium)
//        --runs 5 (medians and ranges over fresh runs, floor and Plenum order alternating) --pin 0/1
import { execSync, fork, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { apiAt, pin, rssKb, serverProcess, sleep, stats, waitFor, worstLoop } from './lib.mjs';
import { cpuSampler, postgresPids } from './cpu.mjs';
import { joinWave, lookupWave } from './joins.mjs';
import { report } from './report.mjs';
import { countOf, generatorVerdict, sameCounts, verdict } from './verdict.mjs';
import { ensureChromium } from '../scripts/browser.js';
import { realStage, toProjector } from './stage-browser.mjs';
import { killRounds } from './kills.mjs';

const arg = (name, fallback) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1] : fallback;
};
const N = Number(arg('n', 2000));
const JOIN_S = Number(arg('join-s', 10));
const VOTE_S = Number(arg('vote-s', 2));
const WORKERS = Number(arg('workers', 2));
const TALLY_MS = Number(arg('tally-ms', 250));
const SCENARIOS = String(arg('scenarios', 'join,lookup,vote,qa,cloud,kill,offline')).split(',');
/** Runs of the whole bench, each a fresh server; with more than one, medians and ranges (bench/repeat.mjs). */
const RUNS = Number(arg('runs', 1));
/** The floor first, then Plenum (repeat.mjs alternates the order between runs). */
const FLOOR_FIRST = process.argv.includes('--floor-first');
/** Where a single run writes its JSON (repeat.mjs reads it). */
const OUT = arg('out', null);
/** Also drive the durable floor (each action fdatasync'ed to a file before its ack). */
const DURABLE_FLOOR = arg('durable-floor', '1') !== '0';
/** Server on core 0, phones and this process on core 1 (taskset), where there are two cores. */
const PIN = arg('pin', '1') !== '0' && cpus().length >= 2;
/** 0: phones join with the socket and snapshot only (no page, no assets), to tell their cost apart. */
const JOIN_PAGE = arg('join-page', '1') !== '0';
const OFFLINE_S = Number(arg('offline-s', 30));
/** SIGKILLs in the kill scenario, each at a random point of its own vote storm (bench/kills.mjs). */
const KILLS = Number(arg('kills', 3));
/** The stage page in Chromium beside the socket stage, timed to the frame that draws a vote or an entry (bench/stage-browser.mjs). */
const REAL_STAGE = arg('real-stage', '1') !== '0';
/** Writes a V8 CPU profile of the server to bench/results/ (open it in Chrome DevTools). */
const PROFILE = process.argv.includes('--profile');
/** The server's port; the floors use the next one. */
const PORT = Number(arg('port', 4401));
const FLOOR_PORT = PORT + 1;
const WORDS = [
	'trees',
	'trams',
	'bikes',
	'shade',
	'heat',
	'rain',
	'parks',
	'solar',
	'wind',
	'buses',
	'walking',
	'housing',
	'water',
	'green roofs',
	'cooling',
	'energy',
	'insulation',
	'cycling',
	'repair',
	'markets'
];
const OPTIONS = ['a', 'b', 'c', 'd'];
/** High-resolution epoch milliseconds, comparable with the phone workers' clocks. */
const now = () => performance.timeOrigin + performance.now();
/** Commands start this long after they are sent, so every worker has them before the window opens. */
const LEAD_MS = 300;

/** Forks the phone workers; `ask` runs one command on all of them and gathers their replies. */
function workers(config) {
	const procs = Array.from({ length: WORKERS }, () => fork(new URL('./phones.mjs', import.meta.url), [], { stdio: 'inherit' }));
	for (const p of procs) pin(p.pid, PIN ? 1 : undefined);
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
	const all = (msg, reply) =>
		ask(
			procs.map(() => msg),
			reply
		);
	return {
		ready: all({ type: 'config', config }, 'ready'),
		all,
		/** Several commands, one per worker. */
		each: (msgs, reply) => ask(msgs, reply),
		share: (n) => procs.map((_, i) => Math.floor(n / WORKERS) + (i < n % WORKERS ? 1 : 0)),
		close: () => all({ type: 'close' }, 'closed'),
		/** The simulated phones' processes: on a 2-core machine they compete with the server for CPU. */
		pids: () => procs.map((p) => p.pid)
	};
}

/** A stage or moderator client that records every versioned update with its arrival time, snapshots included. */
function watcher(url, sessionId, token, view) {
	const got = { tally: [], qa: [], cloud: [], reconnects: -1 };
	const socket = io(url, {
		path: '/socket.io',
		transports: ['websocket'],
		auth: { sessionId, token, ...(view ? { view } : {}) },
		reconnectionDelay: 500,
		reconnectionDelayMax: 2000
	});
	for (const e of ['tally', 'qa', 'cloud']) socket.on(e, (x) => got[e].push({ ...x, at: now() }));
	const connected = new Promise((r) => socket.once('connect', r));
	socket.on('connect', async () => {
		got.reconnects++;
		const snap = await socket
			.timeout(10_000)
			.emitWithAck('snapshot')
			.catch(() => null);
		if (!snap?.ok) return;
		const at = now();
		for (const t of snap.data.tallies) got.tally.push({ ...t, at, snapshot: true });
		got.qa.push({ ...snap.data.qa, at, snapshot: true });
		for (const c of snap.data.clouds) got.cloud.push({ ...c, at, snapshot: true });
	});
	return { got, connected, close: () => socket.disconnect() };
}

/**
 * What the stage must show for an action to count as shown: the poll's tally, the upvoted question
 * among those the stage displays (the highlighted one and the top six), the word among the cloud's.
 */
const SHOWS = {
	tally: (x, r, scope) => x.pollId === scope,
	qa: (x, r) => x.highlighted?.id === r.target || (x.top ?? []).some((q) => q.id === r.target),
	cloud: (x, r, scope) => x.cloudId === scope && (x.words ?? []).some((w) => w.display.toLowerCase() === r.target)
};

/**
 * For each acknowledged action, the first update of `seen` that includes it (its commit number at
 * or past the ack's, see docs/api.md) and shows it. Latency from the intended send time, split into
 * the ack, the wait for the coalescing tick (ack to the server's read, whose version is its clock
 * in milliseconds) and the delivery (the read to the stage). Actions whose target never reached
 * the stage's display (a question outside the top six) are counted apart, not as latencies.
 */
function toScreen(acked, seen, kind, scope) {
	const shown = [];
	let neverShown = 0;
	for (const r of acked) {
		const t = seen.find((x) => x.seq >= r.seq && SHOWS[kind](x, r, scope));
		if (t) shown.push({ total: t.at - r.sentAt, tick: t.version - r.ackAt, delivery: t.at - t.version });
		else neverShown++;
	}
	return { ms: stats(shown.map((s) => s.total)), tickMs: stats(shown.map((s) => s.tick)), deliveryMs: stats(shown.map((s) => s.delivery)), missing: neverShown };
}

/** One scenario: every phone (or half of them) acts within the window; timings, screens and figures. */
async function act(ctx, name, msg, screens) {
	const { w, probe, stage, mod, projector } = ctx;
	for (const x of [stage, mod]) if (x) for (const k of ['tally', 'qa', 'cloud']) x.got[k].length = 0;
	const drawsIt = projector && (screens === 'tally' || screens === 'cloud');
	if (drawsIt) await projector.frames(); // this scenario's frames only
	return probe(async () => {
		const replies = await w.all({ type: 'act', windowMs: VOTE_S * 1000, startAt: now() + LEAD_MS, ...msg }, 'acted');
		const rs = replies.flatMap((r) => r.results);
		// Let the last updates land (and, on the real stage, the bars settle and the cloud's next layout run).
		await sleep(TALLY_MS * 4 + (drawsIt ? 1500 : 500));
		const acked = rs.filter((r) => r.ok);
		const first = Math.min(...rs.map((r) => r.sentAt));
		const last = Math.max(...rs.map((r) => r.ackAt));
		const busy = [[first, last]]; // the CPU figures' window
		const seen = screens && stage ? stage.got[screens] : null;
		const scope = msg.pollId ?? msg.cloudId ?? ctx.pollId;
		const screen = seen ? toScreen(acked, seen, screens, scope) : null;
		const frames = drawsIt ? await projector.frames() : null;
		const onProjector = (kind) => {
			if (!frames) return null;
			const p = toProjector(acked, frames, kind);
			return { ...stats(p.ms), missing: p.missing };
		};
		return {
			scenario: name,
			sent: rs.length,
			acked: acked.length,
			refused: [...new Set(rs.filter((r) => !r.ok).map((r) => r.error))],
			retried: rs.filter((r) => r.attempts > 1).length,
			// Open loop: from each action's intended send time; a failed action counts at the time it
			// failed (a timeout at its timeout), so failures cannot improve the percentiles.
			ackMs: stats(rs.map((r) => r.ackAt - r.sentAt)),
			latencies: rs.map((r) => r.ackAt - r.sentAt), // for scenarios of several rounds (kills.mjs); not kept in the JSON
			lagMs: stats(rs.map((r) => r.lagMs)),
			phonesLoop: worstLoop(replies),
			stageMs: screen?.ms ?? null,
			stageTickMs: screen?.tickMs ?? null,
			stageDeliveryMs: screen?.deliveryMs ?? null,
			stageMissing: screen?.missing ?? 0,
			// The real stage in Chromium: the bars' numbers drawn (tally only), the bars settled or the cloud laid out.
			projectorShownMs: screens === 'tally' ? onProjector('shown') : null,
			projectorDrawnMs: onProjector('drawn'),
			perS: Math.round(acked.length / Math.max(0.001, (last - first) / 1000)),
			lastAckAt: last,
			busy,
			ackTimes: rs.filter((r) => r.ok).map((r) => r.ackAt),
			state: mergeState(replies.map((r) => r.state))
		};
	});
}

/** Every phone compares its own state on the server with its last acknowledged actions. */
async function verifyPhones(w, what) {
	const replies = await w.all({ type: 'verify', ...what }, 'verified');
	await w.afterVerify?.(); // the check's own load is not the next scenario's
	return {
		checked: replies.reduce((n, r) => n + r.checked, 0),
		wrong: replies.reduce((n, r) => n + r.wrong, 0),
		examples: replies.flatMap((r) => r.examples).slice(0, 3)
	};
}

const mergeState = (states) => ({
	choices: states.flatMap((s) => s.choices),
	upvoted: states.flatMap((s) => s.upvoted),
	entries: states.flatMap((s) => s.entries)
});

async function runAgainst(target) {
	const { url, server, setup } = target;
	const out = {};
	const w = workers({ url, sessionId: setup.sessionId, code: setup.code, pollId: setup.pollId, options: OPTIONS, page: target.page });
	await w.ready;
	const sampler = cpuSampler({ server: () => [server.child.pid], phones: w.pids, ...(process.env.DATABASE_URL && target.postgres ? { pg: postgresPids } : {}) });
	const cpu = (busy) => sampler.figures(busy);
	const stage = setup.stageToken ? watcher(url, setup.sessionId, setup.stageToken, 'stage') : null;
	const mod = setup.moderatorToken ? watcher(url, setup.sessionId, setup.moderatorToken) : null;
	await stage?.connected;
	await mod?.connected;
	// The real stage page in Chromium (Plenum only: the floors have no stage page).
	const projector = target.realStage ? await realStage(url, setup.stageToken) : null;
	const probe = async (fn) => {
		const pid = server.child.pid;
		const rss0 = rssKb(pid);
		const t0 = Date.now();
		const r = await fn();
		const secs = (Date.now() - t0) / 1000;
		const loop = server.loop ? await server.loop() : null;
		// CPU over the busy window and the busiest second (bench/cpu.mjs), not over the settle time.
		return { ...r, wallS: secs, cpu: cpu(r.busy), rssBeforeKb: rss0, rssAfterKb: rssKb(server.child.pid), loop };
	};
	const ctx = { w, probe, stage, mod, server, cpu, projector, pollId: setup.pollId };
	w.afterVerify = () => server.loop?.(); // restarts the event-loop figures

	// The join wave, with the memory per phone and the warm-up votes (bench/joins.mjs); then the lookups.
	out.join = await joinWave(ctx, { n: N, joinS: JOIN_S, leadMs: LEAD_MS, warmPollId: setup.warmPollId });
	if (SCENARIOS.includes('lookup')) out.lookup = await lookupWave(ctx, { n: N, joinS: JOIN_S, leadMs: LEAD_MS });

	if (SCENARIOS.includes('vote')) {
		out.vote = await act(ctx, 'vote', { action: 'vote' }, 'tally');
		out.change = await act(ctx, 'change', { action: 'vote', half: true }, 'tally');
		out.vote.final = out.change.state;
		out.change.stageLastCounts = stage?.got.tally.at(-1)?.counts ?? null;
		out.change.database = await setup.pollCounts?.();
		if (target.verify) out.change.perPhone = await verifyPhones(w, { pollIds: [setup.pollId] });
	}
	if (SCENARIOS.includes('qa')) {
		await setup.beforeQa?.();
		out.qa = await act(ctx, 'qa', { action: 'upvote', questionIds: setup.questionIds }, 'qa');
		out.qa.moderatorLast = mod?.got.qa.at(-1) ?? null;
		if (target.verify) out.qa.perPhone = await verifyPhones(w, { questions: true });
	}
	if (SCENARIOS.includes('cloud')) {
		await setup.beforeCloud?.();
		out.cloud = await act(ctx, 'cloud', { action: 'cloud', cloudId: setup.cloudId, words: WORDS }, 'cloud');
		out.cloud.stageLast = stage?.got.cloud.at(-1) ?? null;
		if (target.verify) out.cloud.perPhone = await verifyPhones(w, { cloudId: setup.cloudId });
	}
	if (SCENARIOS.includes('kill') && target.kill) {
		// A fresh poll: after the earlier storms every phone has voted, so counts alone would prove little.
		await setup.beforeKill?.();
		out.kill = await killRounds(ctx, KILLS, { act, verifyPhones, server, setup, stage, mod, sleep, now, stats, voteS: VOTE_S, leadMs: LEAD_MS });
	}
	await w.close();
	sampler.stop();
	await projector?.close();
	out.close = () => {
		stage?.close();
		mod?.close();
	};
	return out;
}

/** Compares what each phone had acknowledged with what the server holds for it, the totals and the screens (verdict.mjs). */
async function check(result, setup, api, plenum) {
	const c = {};
	// Whether the phones kept up, per scenario: where they did not, that scenario's latencies are
	// the generator's as much as the server's, and the summary leaves them out (correctness stands).
	result.generator = Object.fromEntries(
		['join', 'lookup', 'vote', 'change', 'qa', 'cloud', 'kill']
			.filter((k) => plenum[k])
			.map((k) => [k, { lagP99Ms: plenum[k].lagMs.p99, ...generatorVerdict(plenum[k].lagMs.p99) }])
	);
	if (plenum.vote) {
		const db = plenum.change.database;
		const expected = countOf(plenum.vote.final.choices);
		c.vote = {
			...verdict({
				sent: plenum.vote.sent + plenum.change.sent,
				acked: plenum.vote.acked + plenum.change.acked,
				perPhone: plenum.change.perPhone,
				expected,
				database: db.counts,
				screens: { stage: plenum.change.stageLastCounts }
			}),
			expected,
			database: db.counts,
			stage: plenum.change.stageLastCounts
		};
	}
	if (plenum.qa) {
		const all = await api(`/api/sessions/${setup.sessionId}/questions`, undefined, setup.moderatorToken, 'GET');
		const db = Object.fromEntries(all.questions.map((q) => [q.id, q.upvotes]));
		const expected = countOf(plenum.qa.state.upvoted);
		const seen = Object.fromEntries((plenum.qa.moderatorLast?.questions ?? []).map((q) => [q.id, q.upvotes]));
		c.qa = {
			...verdict({ sent: plenum.qa.sent, acked: plenum.qa.acked, perPhone: plenum.qa.perPhone, expected, database: db, screens: { moderator: seen } }),
			upvotesInDb: Object.values(db).reduce((a, b) => a + b, 0),
			acked: plenum.qa.acked
		};
	}
	if (plenum.cloud) {
		const g = await api(`/api/wordclouds/${setup.cloudId}/groups`, undefined, setup.moderatorToken, 'GET');
		const db = Object.fromEntries(g.shown.map((x) => [x.display.toLowerCase(), x.count]));
		const expected = countOf(plenum.cloud.state.entries);
		const seen = Object.fromEntries((plenum.cloud.stageLast?.words ?? []).map((x) => [x.display.toLowerCase(), x.count]));
		c.cloud = {
			...verdict({ sent: plenum.cloud.sent, acked: plenum.cloud.acked, perPhone: plenum.cloud.perPhone, expected, database: db, screens: { stage: seen } }),
			expected,
			database: db
		};
	}
	if (plenum.kill) {
		const db = await setup.pollCounts(setup.killPollId);
		const expected = countOf(plenum.kill.state.choices);
		// The screens catch up by themselves; allow them a few ticks.
		await waitFor(
			async () => sameCounts(plenum.kill.stageLast()?.counts, db.counts) && sameCounts(plenum.kill.moderatorLast()?.counts, db.counts),
			'the screens to recover',
			10_000
		).catch(() => {});
		const stage = plenum.kill.stageLast()?.counts ?? null;
		const moderator = plenum.kill.moderatorLast()?.counts ?? null;
		const v = verdict({ sent: plenum.kill.sent, acked: plenum.kill.acked, perPhone: plenum.kill.perPhone, expected, database: db.counts, screens: { stage, moderator } });
		(plenum.kill.rounds ?? [plenum.kill]).forEach((round, i) => {
			const minBefore = Math.ceil(round.sent / 10);
			if (round.ackedBeforeKill < minBefore)
				v.reasons.push(`kill ${i + 1}: only ${round.ackedBeforeKill} votes acknowledged before the kill (at least ${minBefore} needed for the check to mean something)`);
		});
		const voters = plenum.kill.state.choices.filter(Boolean).length;
		if (db.voters !== voters) v.reasons.push(`${db.voters} voters in the database, ${voters} acknowledged`);
		c.kill = { ok: v.reasons.length === 0, reasons: v.reasons, expected, database: db.counts, voters: db.voters, stage, moderator, ackedBeforeKill: plenum.kill.ackedBeforeKill };
		plenum.kill.stageLast = stage;
		plenum.kill.moderatorLast = moderator;
	}
	result.correctness = c;
}

async function setupSession(api) {
	const ev = await api('/api/events', { name: 'Bench event', languages: ['en'] });
	const s = await api('/api/event/sessions', { title: 'Plenary', room: 'Hall' }, ev.organiserToken);
	const mt = s.moderatorToken;
	const warm = await api(`/api/sessions/${s.id}/polls`, { question: 'Warm-up', options: ['Trees', 'Trams', 'Bikes', 'Shade'] }, mt);
	await api(`/api/polls/${warm.id}/open`, undefined, mt);
	const poll = await api(`/api/sessions/${s.id}/polls`, { question: 'Which measure first?', options: ['Trees', 'Trams', 'Bikes', 'Shade'] }, mt);
	await api(`/api/polls/${poll.id}/open`, undefined, mt);
	const stageOn = (body) => api(`/api/sessions/${s.id}/stage`, body, mt, 'PUT');
	await stageOn({ mode: 'results', pollId: poll.id });
	const setup = { sessionId: s.id, code: ev.event.joinCode, pollId: poll.id, warmPollId: warm.id, stageToken: s.stageToken, moderatorToken: mt, questionIds: [], cloudId: null };
	setup.beforeQa = async () => {
		// Twenty questions from twenty other phones, then the questions on stage.
		for (let i = 0; i < 20; i++) {
			const cookie = `plenum_pid=${randomBytes(24).toString('base64url')}`;
			const q = await fetch(`${api.url}/api/sessions/${s.id}/questions`, {
				method: 'POST',
				headers: { cookie, 'content-type': 'application/json' },
				body: JSON.stringify({ id: randomUUID(), text: `Question ${i + 1}: how do we fund measure ${i + 1}?` })
			});
			if (!q.ok) throw new Error(`ask: ${q.status} ${await q.text()}`);
			setup.questionIds.push((await q.json()).id);
		}
		await stageOn({ mode: 'qa', pollId: null });
	};
	setup.beforeCloud = async () => {
		const cloud = await api(`/api/sessions/${s.id}/wordclouds`, { prompt: 'One word for your city in 2040' }, mt);
		await api(`/api/wordclouds/${cloud.id}/open`, undefined, mt);
		await stageOn({ mode: 'cloud', pollId: null, activityId: cloud.id });
		setup.cloudId = cloud.id;
	};
	setup.beforeKill = async () => {
		const fresh = await api(`/api/sessions/${s.id}/polls`, { question: 'And which one second?', options: ['Trees', 'Trams', 'Bikes', 'Shade'] }, mt);
		await api(`/api/polls/${fresh.id}/open`, undefined, mt);
		await stageOn({ mode: 'results', pollId: fresh.id });
		setup.killPollId = fresh.id;
	};
	setup.pollCounts = async (pollId = poll.id) => {
		const db = await api(`/api/polls/${pollId}/results`, undefined, mt, 'GET');
		return { voters: db.voters, counts: Object.fromEntries(db.options.map((o) => [o.id, o.count])) };
	};
	return setup;
}

/** Drops a scenario's raw samples and state before the report is written: only the summaries are kept. */
function dropRaw(scenario) {
	delete scenario.state;
	delete scenario.ackTimes;
	delete scenario.latencies;
}

async function main() {
	if (RUNS > 1) return (await import('./repeat.mjs')).repeat(RUNS);
	if (!existsSync('build/handler.js')) {
		console.log('building the production server (npm run build)…');
		execSync('npm run build', { stdio: 'inherit' });
	}
	pin(process.pid, PIN ? 1 : undefined);
	const database = process.env.DATABASE_URL ? 'postgresql' : 'pglite';
	const pinned = PIN ? 'server on core 0, phones and the bench on core 1 (taskset)' : 'not pinned';
	console.log(
		`Plenum bench: N=${N} phones over ${WORKERS} workers, joins within ${JOIN_S} s, actions within ${VOTE_S} s, tally every ${TALLY_MS} ms, ${database}; ${cpus().length} cores, ${pinned}; scenarios ${SCENARIOS.join(', ')}; ${FLOOR_FIRST ? 'floor first' : 'Plenum first'}`
	);
	const dataDir = mkdtempSync(join(tmpdir(), 'plenum-bench-'));
	const server = serverProcess({ port: PORT, dataDir, tallyMs: TALLY_MS, profile: PROFILE, core: PIN ? 0 : undefined });
	let floor = null;
	const result = {
		at: new Date().toISOString(),
		kills: KILLS,
		joinPage: JOIN_PAGE,
		realStage: REAL_STAGE,
		n: N,
		joinS: JOIN_S,
		voteS: VOTE_S,
		tallyMs: TALLY_MS,
		workers: WORKERS,
		database,
		cores: cpus().length,
		pinned: PIN,
		floorFirst: FLOOR_FIRST,
		scenarios: SCENARIOS
	};
	/** A floor (bench/floor.mjs): the same phones, stage and moderator against a bare server; durable: with fdatasync before acks. */
	const runFloor = async (durable) => {
		floor = spawn(process.execPath, [new URL('./floor.mjs', import.meta.url).pathname], {
			env: { ...process.env, PORT: String(FLOOR_PORT), TALLY_INTERVAL_MS: String(TALLY_MS), FLOOR_DURABLE: durable ? '1' : '0' },
			stdio: ['ignore', 'pipe', 'inherit']
		});
		pin(floor.pid, PIN ? 0 : undefined);
		let flog = '';
		floor.stdout.on('data', (d) => (flog += d));
		await waitFor(async () => flog.includes('listening'), 'the floor');
		const floorServer = { child: floor, rssAtStartKb: rssKb(floor.pid) };
		const floorSetup = {
			sessionId: randomUUID(),
			code: 'X',
			pollId: randomUUID(),
			warmPollId: randomUUID(),
			questionIds: Array.from({ length: 20 }, () => randomUUID()),
			cloudId: randomUUID(),
			// The floor lets anyone in: the stage and moderator watchers connect as they do to Plenum.
			stageToken: 'floor',
			moderatorToken: 'floor'
		};
		const key = durable ? 'durableFloor' : 'floor';
		// The floor serves a static page with the same assets (bench/floor-page.mjs): its phones join as on Plenum.
		result[key] = await runAgainst({ url: `http://127.0.0.1:${FLOOR_PORT}`, server: floorServer, setup: floorSetup, page: JOIN_PAGE, kill: false });
		result[key].close();
		delete result[key].close;
		for (const k of ['vote', 'change', 'qa', 'cloud']) if (result[key][k]) dropRaw(result[key][k]);
		floor.kill('SIGTERM');
		await sleep(500);
	};
	const runFloors = async () => {
		await runFloor(false);
		if (DURABLE_FLOOR) await runFloor(true);
	};
	try {
		if (FLOOR_FIRST) await runFloors();
		await server.start();
		const api = apiAt(server.url);
		api.url = server.url;
		const setup = await setupSession(api);
		const plenum = await runAgainst({ url: server.url, server, setup, page: JOIN_PAGE, kill: true, verify: true, postgres: true, realStage: REAL_STAGE });
		result.plenum = plenum;
		await check(result, setup, api, plenum);
		plenum.close();
		for (const k of ['vote', 'change', 'qa', 'cloud', 'kill']) if (plenum[k]) dropRaw(plenum[k]);
		delete plenum.close;
		server.child?.kill('SIGTERM');
		await sleep(800);
		if (!FLOOR_FIRST) await runFloors();
	} finally {
		server.child?.kill('SIGTERM');
		floor?.kill('SIGTERM');
		await sleep(800);
		rmSync(dataDir, { recursive: true, force: true });
	}
	// Every process times with performance.timeOrigin + performance.now(): its wall clock at start,
	// then a monotonic clock. A step of the wall clock during the run (seen once on this VM) puts
	// processes started on either side of it, and the server's version clock, that far apart.
	result.clockStepMs = Math.round(Date.now() - now());
	if (Math.abs(result.clockStepMs) > 20)
		console.log(`\nwarning: the wall clock moved ${result.clockStepMs} ms against this run's monotonic clock: cross-process times of this run are off by up to that much`);
	if (SCENARIOS.includes('offline')) result.offline = offlinePhone();
	report(result);
	mkdirSync('bench/results', { recursive: true });
	const file = OUT ?? `bench/results/bench-${result.at.replace(/[:.]/g, '-')}.json`;
	writeFileSync(file, JSON.stringify(result, null, 2));
	console.log(`\nwritten ${file}`);
	const ok = Object.values(result.correctness ?? {}).every((c) => c.ok) && (result.offline?.ok ?? true);
	process.exit(ok ? 0 : 1);
}

/** A real phone in Chromium, offline for OFFLINE_S with a vote, a question and an upvote pending (Playwright's RS1). */
function offlinePhone() {
	console.log(`\noffline phone: Playwright RS1 with ${OFFLINE_S} s offline…`);
	const t0 = Date.now();
	try {
		// The same browser lookup as `npm test`: installs one when the machine has none.
		process.env.CHROMIUM_PATH = ensureChromium();
		execSync('npx playwright test tests/e2e/resilience.e2e.ts -g RS1 --reporter=line', { stdio: 'inherit', env: { ...process.env, RS1_OFFLINE_MS: String(OFFLINE_S * 1000) } });
		return { ok: true, offlineS: OFFLINE_S, wallS: Math.round((Date.now() - t0) / 1000) };
	} catch (e) {
		if (e instanceof Error && !('status' in e)) console.error(e.message);
		return { ok: false, offlineS: OFFLINE_S, wallS: Math.round((Date.now() - t0) / 1000) };
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
