import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { expect, test } from './fixtures';

/**
 * Start-up as an organiser meets it: `node server.js` with a .env file, the links it prints, the
 * address the stage shows to the room, and compressed responses. Against the real server process.
 */

const PORT = 4391;
const dir = mkdtempSync(join(tmpdir(), 'plenum-startup-'));
const envFile = join(dir, 'plenum.env');
let child: ChildProcess | null = null;

test.afterAll(() => {
	child?.kill('SIGKILL');
	rmSync(dir, { recursive: true, force: true });
});

/** Starts the server with the given environment on top of a clean one; resolves with its output once the banner is out. */
function start(env: Record<string, string>): Promise<string> {
	const { DATABASE_URL: _db, PORT: _port, HOST: _host, ORIGIN: _origin, ...rest } = process.env;
	const proc = spawn(process.execPath, ['server.js'], { env: { ...rest, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	child = proc;
	let log = '';
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no banner in 30 s:\n${log}`)), 30_000);
		proc.stdout!.on('data', (d: Buffer) => {
			log += d;
			if (/─{20,}\n\n?$/.test(log) && log.includes('Plenum is ready')) {
				clearTimeout(timer);
				resolve(log);
			}
		});
		proc.stderr!.on('data', (d: Buffer) => (log += d));
		proc.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited (${code}):\n${log}`));
		});
	});
}

async function stop() {
	const proc = child;
	if (!proc || proc.exitCode !== null) return;
	proc.kill('SIGTERM');
	await new Promise((r) => proc.once('exit', r));
}

/** One GET with a chosen Accept-Encoding; the body as sent on the wire (not decoded). */
function rawGet(path: string, encoding: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: number }> {
	return new Promise((resolve, reject) => {
		const req = httpRequest({ host: '127.0.0.1', port: PORT, path, headers: { 'accept-encoding': encoding } }, (res) => {
			let bytes = 0;
			res.on('data', (d: Buffer) => (bytes += d.length));
			res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, bytes }));
		});
		req.on('error', reject);
		req.end();
	});
}

const hasLan = Object.values(networkInterfaces())
	.flat()
	.some((i) => i && i.family === 'IPv4' && !i.internal && !i.address.startsWith('169.254.'));

test('ST1 .env is read and the environment wins; the banner ends the output with every demo link, the organiser link marked as shown once', async ({ browser }) => {
	writeFileSync(envFile, `# as an organiser would write it\nPORT=${PORT}\nPLENUM_DEMO=1\nTALLY_INTERVAL_MS=9999\nHOST=127.0.0.1\n`);
	// HOST and TALLY_INTERVAL_MS come from the environment too: the environment wins over the file.
	const log = await start({ PLENUM_ENV_FILE: envFile, PLENUM_DATA_DIR: join(dir, 'data'), HOST: '0.0.0.0', TALLY_INTERVAL_MS: '250' });
	expect(log).toContain(`listening on 0.0.0.0:${PORT}`);
	const base = /Plenum is ready: (\S+)/.exec(log)![1];
	expect(base).toMatch(new RegExp(`^http://[^/]+:${PORT}$`));
	if (hasLan) expect(new URL(base).hostname).not.toMatch(/^(localhost|127\.)/);
	expect(log).toContain('set ORIGIN');
	const links = log.slice(log.indexOf('Demo event'));
	for (const [label, path] of [
		['Organiser', '/admin/'],
		['Audience', '/'],
		['Moderator', '/moderate/'],
		['Stage', '/stage/'],
		['Speaker', '/speaker/']
	])
		expect(links).toMatch(new RegExp(`${label}: +${base.replace(/[.]/g, '\\.')}${path}\\S+`));
	expect(links).toMatch(/Organiser: \S+ +← shown only once/);
	// The banner is the last thing printed: nothing after its closing rule.
	expect(log.trimEnd().split('\n').at(-1)).toMatch(/^─+$/);

	// The stage, opened on the organiser's laptop as localhost, shows the room an address phones can open.
	const stageToken = /Stage: +\S+\/stage\/(\S+)/.exec(log)![1];
	const page = await browser.newPage();
	await page.goto(`http://localhost:${PORT}/stage/${stageToken}`);
	const host = new URL(base).host;
	await expect(page.getByText(host, { exact: true })).toBeVisible();
	if (hasLan) await expect(page.getByText(/localhost|127\.0\.0\.1/)).toHaveCount(0);
	await page.close();

	// HTML and JSON are compressed as the client accepts; built assets come precompressed.
	const html = await rawGet('/', 'gzip');
	expect(html.headers['content-encoding']).toBe('gzip');
	expect((await rawGet('/', 'br')).headers['content-encoding']).toBe('br');
	expect((await rawGet('/', 'identity')).headers['content-encoding']).toBeUndefined();
	const moderatorToken = /Moderator: +\S+\/moderate\/(\S+)/.exec(log)![1];
	const stageHtml = await (await fetch(`http://127.0.0.1:${PORT}/stage/${stageToken}`)).text();
	const sessionId = /\/s\/([0-9a-f-]{36})/.exec(stageHtml)![1];
	// Enough polls for the list to pass the 1 KB threshold (smaller bodies are not worth compressing).
	for (let i = 0; i < 3; i++) {
		const res = await fetch(`http://127.0.0.1:${PORT}/api/sessions/${sessionId}/polls`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${moderatorToken}` },
			body: JSON.stringify({
				question: `Which of these measures should the city take up first, poll ${i}?`,
				options: ['Green roofs on public buildings', 'Protected bike lanes', 'Heat pumps for social housing']
			})
		});
		expect(res.status).toBe(201);
	}
	const json = await new Promise<{ encoding?: string; type?: string }>((resolve, reject) => {
		const req = httpRequest(
			{ host: '127.0.0.1', port: PORT, path: `/api/sessions/${sessionId}/polls`, headers: { 'accept-encoding': 'gzip', authorization: `Bearer ${moderatorToken}` } },
			(res) => {
				res.resume();
				res.on('end', () => resolve({ encoding: res.headers['content-encoding'], type: res.headers['content-type'] }));
			}
		);
		req.on('error', reject);
		req.end();
	});
	expect(json.type).toContain('application/json');
	expect(json.encoding).toBe('gzip');
	const asset = /\/_app\/immutable\/entry\/start\.[\w-]+\.js/.exec(stageHtml)![0];
	const gz = await rawGet(asset, 'gzip');
	expect(gz.headers['content-encoding']).toBe('gzip');
	expect(gz.bytes).toBe(readFileSync(join('build/client', `${asset}.gz`)).length);
	expect(existsSync(join('build/client', `${asset}.br`))).toBe(true);
	await stop();

	// A second start on the same data: no new demo, so no organiser link (it was shown once), and how to go on.
	const again = await start({ PLENUM_ENV_FILE: envFile, PLENUM_DATA_DIR: join(dir, 'data'), ORIGIN: 'https://vote.example.org' });
	expect(again).toContain('Plenum is ready: https://vote.example.org');
	expect(again).not.toContain('Organiser:');
	expect(again).not.toContain('set ORIGIN');
	expect(again).toContain('https://vote.example.org/new');
	await stop();
});

test('ST2 npm start does not build when nothing changed: ready in under 10 s, with a short output ending in the banner', async () => {
	// A restart: the data directory of ST1, and the stamp as npm start leaves it after a build of these very sources.
	const { sourcesHash } = await import('../../scripts/sourcesHash.js');
	writeFileSync('build/.sources-hash', `${sourcesHash()}\n`);
	const { DATABASE_URL: _db, PORT: _port, HOST: _host, ORIGIN: _origin, ...rest } = process.env;
	const started = Date.now();
	const proc = spawn(process.execPath, ['scripts/start.js'], {
		env: { ...rest, PORT: String(PORT), HOST: '127.0.0.1', PLENUM_ENV_FILE: '', PLENUM_DATA_DIR: join(dir, 'data'), PLENUM_DEMO: '0' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child = proc;
	let log = '';
	proc.stdout!.on('data', (d: Buffer) => (log += d));
	proc.stderr!.on('data', (d: Buffer) => (log += d));
	await expect.poll(() => log, { timeout: 10_000 }).toMatch(/Plenum is ready[\s\S]*─{20,}\n/);
	expect(Date.now() - started).toBeLessThan(10_000);
	expect(log).not.toContain('Building');
	expect(log.trim().split('\n').length).toBeLessThan(15);
	await stop();
});
