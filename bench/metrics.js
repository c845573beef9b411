// Loaded by server.js only when PLENUM_METRICS=1 (the benchmark): event-loop delay, printed as one
// line on SIGUSR2 and then reset, so the bench can read each scenario's worst stall. Stalls over
// 50 ms are listed with their time, to tell which phase of a scenario caused them. The line also
// carries the live memory, for the memory per phone.
import { existsSync, rmSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const h = monitorEventLoopDelay({ resolution: 10 });
h.enable();
let stalls = [];
let last = performance.now();
setInterval(() => {
	const now = performance.now();
	if (now - last > 60) stalls.push({ at: Date.now(), ms: Math.round(now - last - 10) });
	last = now;
}, 10).unref();
// The bench asks for the live heap only where it measures memory (before and after the join wave),
// by creating this file before the signal: a forced collection elsewhere would disturb the scenarios.
const gcFile = process.env.PLENUM_METRICS_GC_FILE;

process.on('SIGUSR2', () => {
	const ms = (ns) => Math.round(ns / 1e4) / 100;
	const loop = { loopMaxMs: ms(h.max), loopP99Ms: ms(h.percentile(99)), loopMeanMs: ms(h.mean), stalls: stalls.slice(-20) };
	let liveKb = null;
	let externalKb = null;
	if (gcFile && existsSync(gcFile)) {
		rmSync(gcFile, { force: true });
		// Live JavaScript memory after a full collection (the bench starts the server with
		// --expose-gc): unlike RSS, not hidden by heap the process had already reserved at start-up.
		globalThis.gc?.();
		const m = process.memoryUsage();
		// The JavaScript heap only: `external` holds PGlite's WebAssembly memory, which grows in large
		// steps and never shrinks, so a slope over it measures the database's page cache, not phones.
		liveKb = Math.round(m.heapUsed / 1024);
		externalKb = Math.round(m.external / 1024);
	}
	console.log(`PLENUM_METRICS ${JSON.stringify({ ...loop, liveKb, externalKb })}`);
	// A collection or the printing just delayed the loop: start the next measurement after it.
	setTimeout(() => {
		h.reset();
		stalls = [];
		last = performance.now();
	}, 20);
});
