// Measures what a phone downloads on first load of the audience page (JS and CSS, gzip -9),
// against the budget in DESIGN.md §8 (≤ 60 KB JS, ≤ 15 KB CSS). Needs `npm run build` first.
// Usage: node bench/audience-bundle.js
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright';

const port = 4399;
const dataDir = mkdtempSync(join(tmpdir(), 'plenum-bundle-'));
const server = spawn(process.execPath, ['server.js'], {
	env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PLENUM_DATA_DIR: dataDir, PLENUM_DEMO: '1' },
	stdio: ['ignore', 'pipe', 'inherit']
});
let log = '';
server.stdout.on('data', (d) => (log += d));
try {
	for (let i = 0; i < 100 && !log.includes('listening'); i++) await new Promise((r) => setTimeout(r, 200));
	const code = /join code ([A-Z0-9]{6})/.exec(log)?.[1];
	if (!code) throw new Error(`server did not start:\n${log}`);
	const browser = await chromium.launch({
		executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']
	});
	const page = await (await browser.newContext({ isMobile: true, viewport: { width: 390, height: 800 } })).newPage();
	const sizes = { js: 0, css: 0 };
	const pending = [];
	page.on('response', (r) => {
		const type = r.url().endsWith('.js') ? 'js' : r.url().endsWith('.css') ? 'css' : null;
		if (type) pending.push(r.body().then((b) => (sizes[type] += gzipSync(b, { level: 9 }).length)));
	});
	await page.goto(`http://127.0.0.1:${port}/${code}`, { waitUntil: 'networkidle' });
	await Promise.all(pending);
	await browser.close();
	const kb = (n) => (n / 1024).toFixed(1);
	console.log(`audience first load: ${kb(sizes.js)} KB JS, ${kb(sizes.css)} KB CSS (gzip -9); budget 60 KB JS, 15 KB CSS`);
	process.exitCode = sizes.js <= 60 * 1024 && sizes.css <= 15 * 1024 ? 0 : 1;
} finally {
	server.kill('SIGTERM');
	await new Promise((r) => server.once('exit', r));
	rmSync(dataDir, { recursive: true, force: true });
}
