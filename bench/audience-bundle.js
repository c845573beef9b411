// Measures what a phone downloads on first load of the audience page, for every first view the
// session can show (Questions tab, a poll, a word cloud, a wall), against the budget in
// DESIGN.md §8 (≤ 60 KB JS, ≤ 15 KB CSS). Sizes are the response bodies as the server sends them
// to a client that accepts only gzip (precompressed assets, compressed HTML): what crosses the
// network, not a recompression. Needs `npm run build` first.
// Usage: node bench/audience-bundle.js   (VERBOSE=1 lists every file)
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { chromiumArgs, ensureChromium } from '../scripts/browser.js';

const port = 4399;
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'plenum-bundle-'));
const server = spawn(process.execPath, ['server.js'], {
	env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PLENUM_DATA_DIR: dataDir, PLENUM_DEMO: '1', PLENUM_ENV_FILE: '' },
	stdio: ['ignore', 'pipe', 'inherit']
});
let log = '';
server.stdout.on('data', (d) => (log += d));

/** The bytes the server sends for `url` to a client that accepts gzip only, and their encoding. */
function wireSize(url) {
	return new Promise((resolve, reject) => {
		const req = request(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
			let bytes = 0;
			res.on('data', (d) => (bytes += d.length));
			res.on('end', () => resolve({ bytes, encoding: res.headers['content-encoding'] ?? 'none' }));
		});
		req.on('error', reject);
		req.end();
	});
}

const kb = (n) => (n / 1024).toFixed(1);

try {
	for (let i = 0; i < 100 && !log.includes('Plenum is ready'); i++) await new Promise((r) => setTimeout(r, 200));
	const code = /join code ([A-Z0-9]{6})/.exec(log)?.[1];
	if (!code) throw new Error(`server did not start:\n${log}`);
	const token = /Moderator: \S+\/moderate\/(\S+)/.exec(log)[1];
	const browser = await chromium.launch({ executablePath: ensureChromium(), args: chromiumArgs });
	const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
	const sessionId = /\/s\/([0-9a-f-]{36})/.exec((await fetch(`${base}/${code}`, { redirect: 'manual' })).headers.get('location'))[1];
	const post = async (path, body) => {
		const res = await fetch(`${base}${path}`, { method: 'POST', headers: auth, body: body && JSON.stringify(body) });
		if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
		return res.status === 204 ? null : res.json();
	};

	/** Opens the session as a fresh phone (empty cache) and sums what it fetched, as served with gzip. */
	const measure = async (view) => {
		const context = await browser.newContext({ isMobile: true, viewport: { width: 390, height: 800 } });
		const page = await context.newPage();
		const urls = new Map();
		page.on('response', (r) => {
			const u = r.url();
			const type = r.request().resourceType() === 'document' ? 'html' : u.endsWith('.js') ? 'js' : u.endsWith('.css') ? 'css' : null;
			if (type && r.status() === 200) urls.set(u, type);
		});
		await page.goto(`${base}/${code}`, { waitUntil: 'networkidle' });
		const sizes = { view, js: 0, css: 0, html: 0, files: [] };
		for (const [u, type] of urls) {
			const { bytes, encoding } = await wireSize(u);
			sizes[type] += bytes;
			sizes.files.push([u.split('/').pop(), bytes, encoding]);
		}
		await context.close();
		if (process.env.VERBOSE) for (const [u, n, e] of sizes.files.sort((a, b) => b[1] - a[1])) console.log(`  ${u} ${n} (${e})`);
		return sizes;
	};

	const results = [];
	// 1. Nothing open: the phone shows the Questions tab at once.
	results.push(await measure('Questions tab (nothing open)'));
	// 2. The demo poll open.
	const polls = await (await fetch(`${base}/api/sessions/${sessionId}/polls`, { headers: auth })).json();
	await post(`/api/polls/${polls[0].id}/open`);
	results.push(await measure('poll open'));
	// 3. A word cloud open (it takes the phone's screen from the poll).
	const cloud = await post(`/api/sessions/${sessionId}/wordclouds`, { id: randomUUID(), prompt: 'One word for the city you want in 2030' });
	await post(`/api/wordclouds/${cloud.id}/open`);
	results.push(await measure('word cloud open'));
	// 4. A wall open.
	await post(`/api/wordclouds/${cloud.id}/close`);
	const wall = await post(`/api/sessions/${sessionId}/walls`, { id: randomUUID(), prompt: 'What should the city stop doing?' });
	await post(`/api/walls/${wall.id}/open`);
	results.push(await measure('wall open'));
	await browser.close();

	const within = (s) => s.js <= 60 * 1024 && s.css <= 15 * 1024;
	console.log('\n| first view | JS (gzip, as served) | CSS | HTML | budget | met |\n|---|---|---|---|---|---|');
	for (const s of results) console.log(`| ${s.view} | ${kb(s.js)} KB | ${kb(s.css)} KB | ${kb(s.html)} KB | ≤ 60 KB JS, ≤ 15 KB CSS | ${within(s) ? 'yes' : '**no**'} |`);
	process.exitCode = results.every(within) ? 0 : 1;
} finally {
	server.kill('SIGTERM');
	await new Promise((r) => server.once('exit', r));
	rmSync(dataDir, { recursive: true, force: true });
}
