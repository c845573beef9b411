// Loaded by server.js only when PLENUM_METRICS=1 (the benchmark): event-loop delay, printed as one
// line on SIGUSR2 and then reset, so the bench can read each scenario's worst stall. Stalls over
// 50 ms are listed with their time, to tell which phase of a scenario caused them.
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
process.on('SIGUSR2', () => {
	const ms = (ns) => Math.round(ns / 1e4) / 100;
	console.log(`PLENUM_METRICS ${JSON.stringify({ loopMaxMs: ms(h.max), loopP99Ms: ms(h.percentile(99)), loopMeanMs: ms(h.mean), stalls: stalls.slice(-20) })}`);
	h.reset();
	stalls = [];
});
