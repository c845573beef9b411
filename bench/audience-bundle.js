// Measures what a phone downloads on first load of the audience page (JS and CSS, gzip -9),
// against the budget in DESIGN.md §8 (≤ 60 KB JS, ≤ 15 KB CSS). Needs `npm run build` first.
// Usage: node bench/audience-bundle.js
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright';
import { chromiumArgs, ensureChromium } from '../scripts/browser.js';

const port = 4399;
const dataDir = mkdtempSync(join(tmpdir(), 'plenum-bundle-'));
const server = spawn(process.execPath, ['server.js'], {
	env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PLENUM_DATA_DIR: dataDir, PLENUM_DEMO: '1', PLENUM_ENV_FILE: '' },
	stdio: ['ignore', 'pipe', 'inherit']
});
let log = '';
server.stdout.on('data', (d) => (log += d));
try {
	for (let i = 0; i < 100 && !log.includes('listening'); i++) await new Promise((r) => setTimeout(r, 200));
	const code = /join code ([A-Z0-9]{6})/.exec(log)?.[1];
	if (!code) throw new Error(`server did not start:\n${log}`);
	const browser = await chromium.launch({
		executablePath: ensureChromium(),
		args: chromiumArgs
	});
	const base = `http://127.0.0.1:${port}`;
	const measure = async (label) => {
		const page = await (await browser.newContext({ isMobile: true, viewport: { width: 390, height: 800 } })).newPage();
		const sizes = { js: 0, css: 0 };
		const files = [];
		const pending = [];
		page.on('response', (r) => {
			const type = r.url().endsWith('.js') ? 'js' : r.url().endsWith('.css') ? 'css' : null;
			if (type)
				pending.push(
					r.body().then((b) => {
						const n = gzipSync(b, { level: 9 }).length;
						sizes[type] += n;
						files.push([r.url().split('/').pop(), n]);
					})
				);
		});
		await page.goto(`${base}/${code}`, { waitUntil: 'networkidle' });
		await Promise.all(pending);
		if (process.env.VERBOSE) for (const [u, n] of files.sort((a, b) => b[1] - a[1])) console.log(`  ${u} ${n}`);
		const kb = (n) => (n / 1024).toFixed(1);
		console.log(`${label}: ${kb(sizes.js)} KB JS, ${kb(sizes.css)} KB CSS (gzip -9)`);
		return sizes;
	};
	// 1. No poll open: the phone shows the Questions tab (its code loads on demand, but at once here).
	const qaTab = await measure('audience first load, Questions tab (no poll open)');
	// 2. The demo poll open: the phone shows the poll; the Q&A code is not needed yet.
	const token = /Moderator: \S+\/moderate\/(\S+)/.exec(log)[1];
	const sessionId = /\/s\/([0-9a-f-]{36})/.exec(await (await fetch(`${base}/${code}`, { redirect: 'manual' })).headers.get('location'))[1];
	const auth = { authorization: `Bearer ${token}` };
	const polls = await (await fetch(`${base}/api/sessions/${sessionId}/polls`, { headers: auth })).json();
	await fetch(`${base}/api/polls/${polls[0].id}/open`, { method: 'POST', headers: auth });
	const pollTab = await measure('audience first load, Poll tab (a poll open)');
	console.log('budget: 60 KB JS, 15 KB CSS');
	const within = (s) => s.js <= 60 * 1024 && s.css <= 15 * 1024;
	process.exitCode = within(qaTab) && within(pollTab) ? 0 : 1;
	await browser.close();
} finally {
	server.kill('SIGTERM');
	await new Promise((r) => server.once('exit', r));
	rmSync(dataDir, { recursive: true, force: true });
}
