import { defineConfig } from '@playwright/test';
import { chromiumArgs, findChromium } from './scripts/browser.js';

/**
 * End-to-end tests against the production build (`node server.js`) with the embedded database in
 * a fresh directory. The browser comes from scripts/browser.js (CHROMIUM_PATH, Playwright's own,
 * or the distribution's); `npm test` installs one first when the machine has none. Without one,
 * this stops with one line that says how to get it, not a stack trace per test.
 */
const port = Number(process.env.E2E_PORT ?? 4173);
const executablePath = findChromium();
if (!executablePath) throw new Error('No Chromium found. Run `node scripts/browser.js` to install one, or set CHROMIUM_PATH.');

export default defineConfig({
	// The suite, and each activity module's own end-to-end test beside its code.
	testDir: '.',
	testMatch: ['tests/e2e/**/*.e2e.ts', 'src/lib/activities/**/*.e2e.ts'],
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		launchOptions: {
			executablePath,
			args: chromiumArgs
		},
		trace: 'retain-on-failure'
	},
	webServer: {
		command: 'node scripts/e2e-server.js',
		url: `http://127.0.0.1:${port}/`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: { PORT: String(port), HOST: '127.0.0.1', PLENUM_DEMO: '0', TALLY_INTERVAL_MS: '250' }
	}
});
