// CPU of the server, of PostgreSQL and of the simulated phones, sampled every 100 ms from /proc
// during a run, so each scenario's CPU is read over its busy window (first intended send to last
// ack) and as its busiest second, not averaged over the idle settle time around it.
import { readdirSync, readFileSync } from 'node:fs';
import { cpuTicks } from './lib.mjs';

const TICKS_PER_S = 100; // USER_HZ on Linux
const SAMPLE_MS = 100;
const PEAK_MS = 1000;

const ticksOr0 = (pid) => {
	try {
		return cpuTicks(pid);
	} catch {
		return null; // gone between the listing and the read
	}
};

/** Every PostgreSQL server process (postmaster, backends, background workers): their comm is 'postgres'. */
export function postgresPids() {
	const pids = [];
	for (const d of readdirSync('/proc')) {
		if (!/^\d+$/.test(d)) continue;
		try {
			if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(d));
		} catch {
			// exited meanwhile
		}
	}
	return pids;
}

/**
 * Samples cumulative CPU ticks per group of processes. `groups` maps a name to a function giving
 * the group's pids now (a restarted server or a new database backend is picked up; a process
 * counts from its first sample, which for one born in the run is nearly all its CPU).
 */
export function cpuSampler(groups) {
	const names = Object.keys(groups);
	const last = Object.fromEntries(names.map((n) => [n, new Map()]));
	const total = Object.fromEntries(names.map((n) => [n, 0]));
	/** [{ at, server: ticks, … }], ticks cumulative since the sampler started. */
	const samples = [];
	const sample = () => {
		const at = performance.timeOrigin + performance.now();
		for (const n of names) {
			const seen = new Map();
			for (const pid of groups[n]()) {
				const t = ticksOr0(pid);
				if (t === null) continue;
				const before = last[n].get(pid);
				// A pid seen for the first time after the start: everything it used so far is in the run.
				total[n] += before === undefined ? (samples.length ? t : 0) : Math.max(0, t - before);
				seen.set(pid, t);
			}
			last[n] = seen;
		}
		samples.push({ at, ...total });
	};
	sample();
	const timer = setInterval(sample, SAMPLE_MS);
	timer.unref();

	/** A group's cumulative ticks at time t, interpolated between the samples around it. */
	const ticksAt = (n, t) => {
		sample(); // the latest figures, so a window ending now is covered
		let i = samples.findIndex((s) => s.at >= t);
		if (i === -1) return samples.at(-1)[n];
		if (i === 0) return samples[0][n];
		const a = samples[i - 1];
		const b = samples[i];
		return a[n] + ((b[n] - a[n]) * (t - a.at)) / Math.max(1e-9, b.at - a.at);
	};
	/** CPU % (100 = one core) of a group over windows [[from, to], …], summed. */
	const busyPct = (n, windows) => {
		const ticks = windows.reduce((s, [a, b]) => s + ticksAt(n, b) - ticksAt(n, a), 0);
		const ms = windows.reduce((s, [a, b]) => s + Math.max(0, b - a), 0);
		return ms > 0 ? Math.round((ticks / TICKS_PER_S / (ms / 1000)) * 100) : null;
	};
	/**
	 * The busiest second in CPU %: over the 1-second spans (sliding over the samples) that start
	 * within one of the windows; the last may run up to a second past its window's end.
	 */
	const peakPct = (n, windows) => {
		let peak = null;
		for (const [from, to] of windows) {
			const s = samples.filter((x) => x.at >= from - SAMPLE_MS && x.at <= to + PEAK_MS + SAMPLE_MS);
			for (let i = 0, j = 0; i < s.length && s[i].at <= to; i++) {
				while (j < s.length && s[j].at - s[i].at < PEAK_MS) j++;
				if (j === s.length) break;
				const pct = ((s[j][n] - s[i][n]) / TICKS_PER_S / ((s[j].at - s[i].at) / 1000)) * 100;
				peak = Math.max(peak ?? 0, pct);
			}
		}
		return peak === null ? null : Math.round(peak);
	};
	return {
		/** The figures of one scenario over its busy windows [[first intended action, last ack], …]. */
		figures(busy) {
			const has = (n) => names.includes(n); // an idle PostgreSQL reads 0, not null
			return {
				busyPct: busyPct('server', busy),
				peakPct: peakPct('server', busy),
				pgBusyPct: has('pg') ? busyPct('pg', busy) : null,
				pgPeakPct: has('pg') ? peakPct('pg', busy) : null,
				phonesBusyPct: busyPct('phones', busy),
				phonesPeakPct: peakPct('phones', busy),
				busyS: Math.round(busy.reduce((s, [a, b]) => s + b - a, 0)) / 1000
			};
		},
		stop: () => clearInterval(timer)
	};
}
