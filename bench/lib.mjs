// Shared pieces of `npm run bench`: statistics, /proc probes, the HTTP API, the server process.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Pins a process to one core (taskset), so the server and the simulated phones do not take turns
 * on the same core. Only where the machine has at least two cores and taskset exists; returns
 * whether it pinned.
 */
export function pin(pid, core) {
	if (core === undefined || cpus().length < 2) return false;
	return spawnSync('taskset', ['-pc', String(core), String(pid)], { stdio: 'ignore' }).status === 0;
}

export const pct = (xs, p) => {
	if (xs.length === 0) return NaN;
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
/** The worst event-loop delay over the phone workers' replies. */
export const worstLoop = (replies) => ({
	p99Ms: Math.round(Math.max(...replies.map((r) => r.loop?.p99Ms ?? 0)) * 10) / 10,
	maxMs: Math.round(Math.max(...replies.map((r) => r.loop?.maxMs ?? 0)) * 10) / 10
});
export const stats = (xs) => ({ n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99), max: pct(xs, 100) });

// ---- process probes (Linux /proc) ----
export const rssKb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
export const cpuTicks = (pid) => {
	const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return Number(f[11]) + Number(f[12]); // utime + stime, in clock ticks (100/s)
};

export async function waitFor(fn, what, ms = 30_000) {
	const end = Date.now() + ms;
	while (Date.now() < end) {
		if (await fn().catch(() => false)) return;
		await sleep(100);
	}
	throw new Error(`timed out waiting for ${what}`);
}

export function apiAt(url) {
	return async function api(path, body, token, method = 'POST') {
		const res = await fetch(url + path, {
			method,
			headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
		return text ? JSON.parse(text) : null;
	};
}

/**
 * The production server on its own port and data directory, with the event-loop probe. `start`
 * can run again on the same directory: that is the restart after a SIGKILL.
 */
export function serverProcess({ port, dataDir, tallyMs, profile, core }) {
	const url = `http://127.0.0.1:${port}`;
	const self = { child: null, log: '', metrics: [], url };
	const gcFile = join(tmpdir(), `plenum-bench-gc-${port}-${process.pid}`);
	self.start = async () => {
		const env = {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			PLENUM_DATA_DIR: dataDir,
			PLENUM_DEMO: '0',
			TALLY_INTERVAL_MS: String(tallyMs),
			PLENUM_METRICS: '1',
			PLENUM_METRICS_GC_FILE: gcFile,
			ORIGIN: url,
			PLENUM_ENV_FILE: ''
		};
		const child = spawn(process.execPath, ['--expose-gc', ...(profile ? ['--cpu-prof', '--cpu-prof-dir=bench/results'] : []), 'server.js'], {
			env,
			stdio: ['ignore', 'pipe', 'inherit']
		});
		self.child = child;
		pin(child.pid, core);
		self.log = '';
		child.stdout.on('data', (d) => {
			self.log += d;
			for (const m of String(d).matchAll(/PLENUM_METRICS (\{.*\})/g)) self.metrics.push(JSON.parse(m[1]));
		});
		await waitFor(async () => self.log.includes('listening'), 'the server');
		self.rssAtStartKb ??= rssKb(child.pid); // the first start: before any event or phone
	};
	/** The event-loop figures since the last call (and resets them); with `live`, the live heap after a full collection too. */
	self.loop = async (live = false) => {
		if (live) writeFileSync(gcFile, '');
		const before = self.metrics.length;
		self.child.kill('SIGUSR2');
		await waitFor(async () => self.metrics.length > before, 'metrics', 5000);
		return self.metrics.at(-1);
	};
	return self;
}
