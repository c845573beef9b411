// Loaded by server.js only when PLENUM_METRICS=1 (the benchmark): event-loop delay, printed as one
// line on SIGUSR2 and then reset, so the bench can read each scenario's worst stall.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const h = monitorEventLoopDelay({ resolution: 10 });
h.enable();
process.on('SIGUSR2', () => {
	const ms = (ns) => Math.round(ns / 1e4) / 100;
	console.log(`PLENUM_METRICS ${JSON.stringify({ loopMaxMs: ms(h.max), loopP99Ms: ms(h.percentile(99)), loopMeanMs: ms(h.mean) })}`);
	h.reset();
});
