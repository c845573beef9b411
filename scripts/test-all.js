// `npm test`: every tier, one closing line. Runs the unit and integration specs (vitest, on PGlite
// and PostgreSQL), the type check, the lint and the licence check, builds the app, runs the Playwright end-to-end tests, then prints
// "N passed, N failed" summed over both runners. Exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './browser.js';

const out = 'test-results';
mkdirSync(out, { recursive: true });
const bin = (name) => `node_modules/.bin/${name}`;

function run(cmd, args, env = {}) {
	console.log(`\n$ ${cmd} ${args.join(' ')}`);
	return spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
}

function readJson(path) {
	try {
		return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
	} catch {
		return null;
	}
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

// 1. Unit and integration specs.
rmSync(`${out}/vitest.json`, { force: true });
const vitestStatus = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${out}/vitest.json`]);
const v = readJson(`${out}/vitest.json`);
if (v) {
	const failed = v.numFailedTests + (vitestStatus !== 0 && v.numFailedTests === 0 ? 1 : 0);
	totals.passed += v.numPassedTests;
	totals.failed += failed;
	totals.skipped += v.numPendingTests + v.numTodoTests;
	lines.push(`vitest (unit + integration): ${v.numPassedTests} passed, ${failed} failed, ${v.numPendingTests} skipped`);
} else {
	totals.failed += 1;
	lines.push('vitest: no report (the runner failed to start)');
}

// 2. Type check (svelte-check): counted as one check.
const checkStatus = run(bin('svelte-check'), ['--tsconfig', './tsconfig.json', '--threshold', 'error', '--output', 'human']);
if (checkStatus === 0) totals.passed += 1;
else totals.failed += 1;
lines.push(`svelte-check (types): ${checkStatus === 0 ? '1 passed, 0 failed' : '0 passed, 1 failed'}`);

// 3. Lint: ESLint, then Prettier's check (`npm run lint`). Counted as one check.
const lintStatus = run('npm', ['run', '--silent', 'lint']);
if (lintStatus === 0) totals.passed += 1;
else totals.failed += 1;
lines.push(`lint (eslint, prettier --check): ${lintStatus === 0 ? '1 passed, 0 failed' : '0 passed, 1 failed'}`);

// 4. Third-party licences: each shipped package's licence fits EUPL-1.2, and THIRD_PARTY_LICENSES.md
// matches what is installed. Counted as one check.
const licenceStatus = run('node', ['scripts/licenses.js', '--check']);
if (licenceStatus === 0) totals.passed += 1;
else totals.failed += 1;
lines.push(`licences (EUPL-1.2 compatible, list up to date): ${licenceStatus === 0 ? '1 passed, 0 failed' : '0 passed, 1 failed'}`);

// 5. Production build, then the end-to-end tests against it, in a Chromium found or installed here.
let chromium = null;
try {
	chromium = ensureChromium();
} catch (e) {
	console.log(e instanceof Error ? e.message : e);
}
const buildStatus = run(bin('vite'), ['build', '--logLevel', 'warn']);
if (buildStatus !== 0) {
	totals.failed += 1;
	lines.push('build: failed, end-to-end tests not run');
} else if (!chromium) {
	totals.failed += 1;
	lines.push('playwright: not run, no Chromium (see the line above)');
} else {
	rmSync(`${out}/playwright.json`, { force: true });
	const pwStatus = run(bin('playwright'), ['test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/playwright.json`, CHROMIUM_PATH: chromium });
	const p = readJson(`${out}/playwright.json`);
	if (p?.stats) {
		const passed = p.stats.expected + p.stats.flaky;
		const failed = p.stats.unexpected + (pwStatus !== 0 && p.stats.unexpected === 0 ? 1 : 0);
		totals.passed += passed;
		totals.failed += failed;
		totals.skipped += p.stats.skipped;
		lines.push(`playwright (end-to-end, Chromium): ${passed} passed, ${failed} failed, ${p.stats.skipped} skipped`);
	} else {
		totals.failed += 1;
		lines.push('playwright: no report (the runner failed to start)');
	}
}

console.log('\nSummary');
for (const l of lines) console.log(`  ${l}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
