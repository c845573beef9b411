import { test as base, expect, type Browser, type BrowserContext, type Page, type APIRequestContext } from '@playwright/test';
import { randomUUID } from 'node:crypto';

export { expect };

export interface SessionLinks {
	id: string;
	moderatorToken: string;
	stageToken: string;
	eventToken: string;
}

/** One event per worker (event creation is rate-limited per IP), one fresh session per test. */
export const test = base.extend<{ session: SessionLinks }, { organiserToken: string }>({
	organiserToken: [
		async ({ playwright }, use, workerInfo) => {
			const api = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}` });
			const res = await api.post('/api/events', { data: { name: `E2E event ${workerInfo.workerIndex}`, languages: ['en', 'lt'] } });
			expect(res.status()).toBe(201);
			const body = await res.json();
			await use(body.organiserToken);
			await api.dispose();
		},
		{ scope: 'worker' }
	],
	session: async ({ request, organiserToken }, use, testInfo) => {
		const res = await request.post('/api/event/sessions', {
			headers: { authorization: `Bearer ${organiserToken}` },
			data: { title: testInfo.title.slice(0, 180), room: 'Hall A' }
		});
		expect(res.status()).toBe(201);
		const s = await res.json();
		await use({ id: s.id, moderatorToken: s.moderatorToken, stageToken: s.stageToken, eventToken: organiserToken });
	}
});

/** Creates a poll over the HTTP API, as an organiser's script would. */
export async function createPoll(request: APIRequestContext, session: SessionLinks, input: Record<string, unknown> = {}, open = true): Promise<string> {
	const auth = { authorization: `Bearer ${session.moderatorToken}` };
	const id = randomUUID();
	const res = await request.post(`/api/sessions/${session.id}/polls`, {
		headers: auth,
		data: { id, question: 'Which measure first?', options: ['Trees', 'Trams', 'Bikes'], ...input }
	});
	expect(res.status(), await res.text()).toBe(201);
	if (open) expect((await request.post(`/api/polls/${id}/open`, { headers: auth })).status()).toBe(200);
	return id;
}

export async function moderatorApi(request: APIRequestContext, session: SessionLinks, path: string, method: 'POST' | 'PUT' | 'PATCH' = 'POST', data?: unknown) {
	const res = await request.fetch(path, { method, headers: { authorization: `Bearer ${session.moderatorToken}` }, data });
	expect(res.ok(), await res.text()).toBeTruthy();
	return res;
}

interface Surface {
	context: BrowserContext;
	page: Page;
	/** Every socket.io frame this page received, as text. */
	frames: string[];
}

/** A new browser context (its own cookies, like its own phone) that records its socket traffic. */
export async function open(browser: Browser, path: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<Surface> {
	const context = await browser.newContext(options);
	const page = await context.newPage();
	const frames: string[] = [];
	page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
	await page.goto(path);
	return { context, page, frames };
}

export const phone = (browser: Browser, session: SessionLinks, options: Parameters<Browser['newContext']>[0] = {}) =>
	open(browser, `/s/${session.id}`, { viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true, ...options });

export const stage = (browser: Browser, session: SessionLinks) => open(browser, `/stage/${session.stageToken}`, { viewport: { width: 1280, height: 720 } });

export const moderator = (browser: Browser, session: SessionLinks) => open(browser, `/moderate/${session.moderatorToken}`, { viewport: { width: 1200, height: 900 } });

/** Waits until a page's socket is live (the connection badge says so). */
export async function live(page: Page): Promise<void> {
	await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'online');
}

/** socket.io event frames ("42[...]") decoded to [event, payload]. */
export function events(frames: string[]): [string, unknown][] {
	return frames
		.filter((f) => /^42/.test(f))
		.map((f) => JSON.parse(f.slice(f.indexOf('['))) as unknown[])
		.filter((a) => typeof a[0] === 'string')
		.map((a) => [a[0] as string, a[1]]);
}

/** The version of the newest `event` frame a surface received whose payload passes `match`, or undefined. */
export function versionOf(s: Surface, event: string, match: (payload: unknown) => boolean = () => true): number | undefined {
	const found = events(s.frames).filter(([e, p]) => e === event && match(p));
	return (found.at(-1)?.[1] as { version?: number } | undefined)?.version;
}

/** Waits until each surface has received an `event` frame with a version at or past `version`: the same update, or a newer one. */
export async function reached(surfaces: Surface[], event: string, version: number): Promise<void> {
	for (const s of surfaces) await expect.poll(() => events(s.frames).some(([e, p]) => e === event && ((p as { version?: number }).version ?? 0) >= version)).toBe(true);
}

/**
 * The positive signal before checking that nothing reached a surface: saves the session again
 * under a fresh room name, which sends every role a `state`, and waits until each surface has that
 * `state`. A socket delivers in order, so whatever the server sent these surfaces before has arrived
 * by then; "nothing arrived" afterwards means nothing was sent, not that it was slow.
 */
export async function caughtUp(request: APIRequestContext, session: SessionLinks, surfaces: Surface[]): Promise<void> {
	const room = `Hall A ${randomUUID().slice(0, 8)}`;
	const res = await request.patch(`/api/sessions/${session.id}`, { headers: { authorization: `Bearer ${session.eventToken}` }, data: { room } });
	expect(res.ok(), await res.text()).toBeTruthy();
	for (const s of surfaces) await expect.poll(() => events(s.frames).some(([e, p]) => e === 'state' && (p as { room?: string }).room === room)).toBe(true);
}
