// Finds a Chromium for the end-to-end tests and the bench, and gets one when the machine has none,
// so that `npm test` works on a fresh machine by itself. Order: CHROMIUM_PATH, Playwright's own
// download if present, the distribution's Chromium. To get one: Playwright's download where the
// network allows it, then (Debian, as root) `apt-get install chromium`.
// Usage as a command: `node scripts/browser.js` prints the path, installing a browser if needed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const systemPaths = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];
const howTo =
	'No Chromium for the browser tests: set CHROMIUM_PATH to a Chromium or Chrome binary, ' +
	'or install one (Debian/Ubuntu: `sudo apt-get install chromium`; elsewhere: `npx playwright install chromium`).';

/** The launch flags that work on our machines (no sandbox as root, no calls home on a closed network). */
export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic'
];

function playwrightsOwn() {
	try {
		const { chromium } = createRequire(import.meta.url)('playwright-core');
		const path = chromium.executablePath();
		return path && existsSync(path) ? path : null;
	} catch {
		return null;
	}
}

/** The browser to use, or null. A CHROMIUM_PATH that does not exist is an error, not a fallback. */
export function findChromium() {
	const wanted = process.env.CHROMIUM_PATH;
	if (wanted) {
		if (!existsSync(wanted)) throw new Error(`CHROMIUM_PATH is set to ${wanted}, which does not exist.`);
		return wanted;
	}
	return playwrightsOwn() ?? systemPaths.find((p) => existsSync(p)) ?? null;
}

/** Whether a browser starts at all: a downloaded one can lack the system's libraries (libnss3, libgbm…). */
function starts(path) {
	const r = spawnSync(path, ['--headless', ...chromiumArgs, '--dump-dom', 'about:blank'], { stdio: 'ignore', timeout: 60_000 });
	return r.status === 0;
}

function attempt(label, cmd, args, log) {
	log(`browser: ${label}`);
	// A network that drops packets would keep Playwright's download retrying for minutes.
	const env = { ...process.env, PLAYWRIGHT_DOWNLOAD_CONNECTION_TIMEOUT: '15000' };
	const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 600_000, encoding: 'utf8', env });
	if (r.status !== 0) log(`browser: ${label} did not work (${(r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n')[0]})`);
	const found = findChromium();
	if (found && !starts(found)) {
		log(`browser: ${found} was installed but does not start (missing system libraries?)`);
		return null;
	}
	return found;
}

/** Finds a browser or installs one; throws one clear line when neither works. */
export function ensureChromium(log = (line) => console.log(line)) {
	const found = findChromium();
	if (found) return found;
	log('browser: no Chromium on this machine; getting one');
	const playwright = fileURLToPath(new URL('../node_modules/.bin/playwright', import.meta.url));
	const viaPlaywright = existsSync(playwright) && attempt("downloading Playwright's Chromium", playwright, ['install', 'chromium'], log);
	if (viaPlaywright) return viaPlaywright;
	const debian = existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');
	if (debian && process.getuid?.() === 0) {
		const r = attempt(
			"installing Debian's chromium (apt-get install chromium)",
			'sh',
			['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'],
			log
		);
		if (r) return r;
	}
	throw new Error(howTo);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	try {
		console.log(ensureChromium((line) => console.error(line)));
	} catch (e) {
		console.error(e instanceof Error ? e.message : e);
		process.exit(1);
	}
}
