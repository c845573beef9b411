// `npm run bench -- --runs 5`: the whole bench several times, each run a fresh process, server and
// database, the floor and Plenum taking turns to go first; then each figure's median and range.
// One run is an anecdote: on this machine single runs of the same code differed by 2× (issue 11).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MAX_LAG_P99_MS } from './verdict.mjs';

const median = (xs) => {
	const s = xs.filter((x) => typeof x === 'number' && !Number.isNaN(x)).sort((a, b) => a - b);
	if (s.length === 0) return NaN;
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x) => (Number.isNaN(x) || x === undefined || x === null ? '—' : x < 10 ? x.toFixed(1) : String(Math.round(x)));
const cell = (xs) => {
	const v = xs.filter((x) => typeof x === 'number' && !Number.isNaN(x));
	return v.length ? `${fmt(median(v))} (${fmt(Math.min(...v))}–${fmt(Math.max(...v))})` : '—';
};

/** A figure of scenario k, for Plenum and for the floor: [label, Plenum's, the floor's]. */
const fig = (k, label, get, floorToo = true) => [`${k}: ${label}`, (r) => get(r.plenum?.[k] ?? {}), floorToo ? (r) => get(r.floor?.[k] ?? {}) : () => NaN];
/** CPU over the scenario's busy window and in its busiest second (bench/cpu.mjs); 100% = one core. */
const cpuRows = (k) => [
	fig(k, 'server CPU % (busy window)', (x) => x.cpu?.busyPct),
	fig(k, 'server CPU % (peak second)', (x) => x.cpu?.peakPct),
	fig(k, 'PostgreSQL CPU % (busy window)', (x) => x.cpu?.pgBusyPct, false),
	fig(k, 'PostgreSQL CPU % (peak second)', (x) => x.cpu?.pgPeakPct, false),
	fig(k, 'phones CPU % (busy window)', (x) => x.cpu?.phonesBusyPct)
];

/** Every figure the summary shows: [label, function of one run's result]. */
const rows = [
	['join p95 ms', (r) => r.plenum?.join?.joinMs?.p95, (r) => r.floor?.join?.joinMs?.p95, 'join'],
	['join failed', (r) => r.plenum?.join?.failed, (r) => r.floor?.join?.failed],
	fig('join', 'KB per phone (page and assets, p50)', (x) => (x.bytesPerPhone ? x.bytesPerPhone.p50 / 1024 : NaN)),
	fig('join', 'requests per phone (p50)', (x) => x.requestsPerPhone?.p50),
	['server memory per phone (JS heap after a full GC, slope) KB', (r) => r.plenum?.join?.livePerPhoneKb, () => NaN],
	['server memory per phone (RSS, slope) KB', (r) => r.plenum?.join?.rssPerPhoneKb, (r) => r.floor?.join?.rssPerPhoneKb],
	...cpuRows('join'),
	['lookup p95 ms', (r) => r.plenum?.lookup?.ms?.p95, (r) => r.floor?.lookup?.ms?.p95, 'lookup'],
	['lookup failed', (r) => r.plenum?.lookup?.failed, (r) => r.floor?.lookup?.failed],
	...cpuRows('lookup'),
	...['vote', 'change', 'qa', 'cloud'].flatMap((k) => [
		[`${k}: ack p50 ms`, (r) => r.plenum?.[k]?.ackMs?.p50, (r) => r.floor?.[k]?.ackMs?.p50, k],
		[`${k}: ack p95 ms`, (r) => r.plenum?.[k]?.ackMs?.p95, (r) => r.floor?.[k]?.ackMs?.p95, k],
		[`${k}: ack p99 ms`, (r) => r.plenum?.[k]?.ackMs?.p99, (r) => r.floor?.[k]?.ackMs?.p99, k],
		[`${k}: → stage p95 ms`, (r) => r.plenum?.[k]?.stageMs?.p95, (r) => r.floor?.[k]?.stageMs?.p95, k],
		[`${k}: → stage, wait for the tick p95 ms`, (r) => r.plenum?.[k]?.stageTickMs?.p95, (r) => r.floor?.[k]?.stageTickMs?.p95, k],
		[`${k}: → stage, delivery p95 ms`, (r) => r.plenum?.[k]?.stageDeliveryMs?.p95, (r) => r.floor?.[k]?.stageDeliveryMs?.p95, k],
		[`${k}: → projector (stage page in Chromium), numbers drawn p95 ms`, (r) => r.plenum?.[k]?.projectorShownMs?.p95, () => NaN, k],
		[`${k}: → projector, bars settled / cloud laid out p95 ms`, (r) => r.plenum?.[k]?.projectorDrawnMs?.p95, () => NaN, k],
		...cpuRows(k),
		[`${k}: server loop max ms`, (r) => r.plenum?.[k]?.loop?.loopMaxMs, () => NaN],
		[`${k}: phones' send lag p99 ms`, (r) => r.plenum?.[k]?.lagMs?.p99, (r) => r.floor?.[k]?.lagMs?.p99]
	]),
	['kill: acked before a kill (fewest of the kills)', (r) => r.plenum?.kill?.ackedBeforeKill, () => NaN],
	[
		'kill: last ack after a restart ms (worst of the kills)',
		(r) => (r.plenum?.kill?.rounds ? Math.max(...r.plenum.kill.rounds.map((x) => x.recoveryMs)) : r.plenum?.kill?.recoveryMs),
		() => NaN,
		'kill'
	]
];

export async function repeat(runs) {
	const script = fileURLToPath(new URL('./run.mjs', import.meta.url));
	const args = process.argv.slice(2).filter((a, i, all) => a !== '--runs' && all[i - 1] !== '--runs');
	const dir = 'bench/results';
	mkdirSync(dir, { recursive: true });
	const results = [];
	let failed = 0;
	for (let i = 0; i < runs; i++) {
		const out = `${dir}/run-${Date.now()}-${i}.json`;
		const order = i % 2 ? ['--floor-first'] : [];
		console.log(`\n=== run ${i + 1} of ${runs} (${order.length ? 'floor first' : 'Plenum first'}) ===`);
		const r = spawnSync(process.execPath, [script, ...args, ...order, '--out', out], { stdio: 'inherit' });
		if (r.status !== 0) failed++;
		try {
			results.push(JSON.parse(readFileSync(out, 'utf8')));
			rmSync(out);
		} catch {
			console.log(`run ${i + 1} wrote no result`);
		}
	}
	summarize(results);
	if (failed) console.log(`${failed} runs exited with a failure`);
	const file = `${dir}/bench-runs-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
	writeFileSync(file, JSON.stringify(results, null, 2));
	console.log(`written ${file}`);
	process.exit(failed || !allCorrect(results) ? 1 : 0);
}

/** Correct: every scenario's verdict (older result files also carried the generator's here). */
const correct = (r) => Object.entries(r.correctness ?? {}).every(([k, c]) => k === 'generator' || c.ok);
const allCorrect = (results) => results.every(correct);
/** Whether the phones kept up in a scenario against Plenum (older result files: from the send lag itself). */
const keptUp = (r, k) => r.generator?.[k]?.ok ?? !((r.plenum?.[k]?.lagMs?.p99 ?? 0) > MAX_LAG_P99_MS);
/** The same for a floor's own run: each column is judged by its own phones. */
const floorKeptUp = (r, key, k) => !((r[key]?.[k]?.lagMs?.p99 ?? 0) > MAX_LAG_P99_MS);

/**
 * Prints each figure's median and range over the runs. A latency figure of a scenario in which
 * the phones could not keep up (send lag p99 over the bound) is left out of its median: it
 * measures the load generator as much as the server; the count of runs kept says so.
 */
function summarize(results) {
	const first = results[0] ?? {};
	console.log(`\n## Summary: ${results.length} runs, N = ${first.n}, ${first.database}, ${first.pinned ? 'server on core 0, phones on core 1' : 'not pinned'}; median (min–max)\n`);
	console.log('| figure | Plenum | floor | durable floor | Plenum − durable floor (medians) | runs kept (Plenum / floor / durable) |\n|---|---|---|---|---|---|');
	// The floors' figures, read with the same accessors from their own result.
	const asFloor = (r, key) => ({ plenum: r[key] });
	for (const [label, ours, floor, scenario] of rows) {
		const kept = scenario ? results.filter((r) => keptUp(r, scenario)) : results;
		const a = kept.map(ours);
		if (results.map(ours).every((x) => x === undefined || x === null || Number.isNaN(x))) continue;
		const keptFloor = scenario ? results.filter((r) => floorKeptUp(r, 'floor', scenario)) : results;
		const keptDurable = scenario ? results.filter((r) => floorKeptUp(r, 'durableFloor', scenario)) : results;
		const b = keptFloor.map(floor);
		const c = keptDurable.map((r) => (r.durableFloor ? ours(asFloor(r, 'durableFloor')) : NaN));
		const diff = median(a) - median(c);
		const counts = `${kept.length} / ${keptFloor.length} / ${keptDurable.length} of ${results.length}`;
		console.log(`| ${label} | ${cell(a)} | ${cell(b)} | ${cell(c)} | ${Number.isNaN(diff) ? '—' : `${diff >= 0 ? '+' : ''}${fmt(diff)}`} | ${counts} |`);
	}
	const scenarios = ['join', 'lookup', 'vote', 'change', 'qa', 'cloud', 'kill'];
	const lagged = results.flatMap((r) => scenarios.filter((k) => r.plenum?.[k] && !keptUp(r, k)).map((k) => `${k} ${Math.round(r.plenum[k].lagMs.p99)} ms`));
	if (lagged.length) console.log(`\nthe phones could not keep up (send lag p99 > 100 ms) in: ${lagged.join(', ')}`);
	console.log(`\ncorrect (acked = sent, every phone's own state, totals = database = screens) in ${results.filter(correct).length} of ${results.length} runs`);
}

// `node bench/repeat.mjs <bench-runs-….json>`: the summary of a saved batch again.
if (process.argv[1] === fileURLToPath(import.meta.url)) summarize(JSON.parse(readFileSync(process.argv[2], 'utf8')));
