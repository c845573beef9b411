import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { createPoll, expect, live, moderator, open, phone, stage, test } from './fixtures';

async function seriousViolations(page: Page) {
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
	return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('axe finds no serious or critical violation on the audience, moderator and stage pages', async ({ browser, session, request }) => {
	const home = await open(browser, '/');
	expect(await seriousViolations(home.page)).toEqual([]);

	const p = await phone(browser, session);
	await live(p.page);
	expect(await seriousViolations(p.page)).toEqual([]); // waiting state

	await createPoll(request, session);
	await expect(p.page.getByRole('button', { name: 'Trams' })).toBeVisible();
	expect(await seriousViolations(p.page)).toEqual([]); // open poll
	await p.page.getByRole('button', { name: 'Trams' }).click();
	await expect(p.page.getByTestId('results')).toBeVisible();
	expect(await seriousViolations(p.page)).toEqual([]); // with results

	const mod = await moderator(browser, session);
	await live(mod.page);
	expect(await seriousViolations(mod.page)).toEqual([]);

	const screen = await stage(browser, session);
	await expect(screen.page.getByTestId('join-code')).toBeVisible();
	expect(await seriousViolations(screen.page)).toEqual([]);
	await mod.page.getByRole('button', { name: 'Results on stage' }).click();
	await expect(screen.page.getByTestId('stage')).toHaveAttribute('data-mode', 'results');
	expect(await seriousViolations(screen.page)).toEqual([]);
});

test('axe finds no serious or critical violation on the Q&A views: phone, console, stage and speaker', async ({ browser, session, request }) => {
	const auth = { authorization: `Bearer ${session.moderatorToken}` };
	const res = await request.post(`/api/sessions/${session.id}/questions`, { data: { id: crypto.randomUUID(), text: 'Will the city plant more trees?' } });
	expect(res.status()).toBe(201);
	const { id } = await res.json();
	expect((await request.post(`/api/questions/${id}/moderate`, { headers: auth, data: { action: 'highlight', on: true } })).status()).toBe(200);
	expect((await request.put(`/api/sessions/${session.id}/stage`, { headers: auth, data: { mode: 'qa', pollId: null } })).status()).toBe(200);

	const p = await phone(browser, session);
	await live(p.page);
	await p.page.getByRole('tab', { name: 'Questions' }).click();
	await expect(p.page.getByTestId('qa-question')).toHaveCount(1);
	expect(await seriousViolations(p.page)).toEqual([]);

	const mod = await moderator(browser, session);
	await expect(mod.page.getByTestId('mod-question')).toHaveCount(1);
	expect(await seriousViolations(mod.page)).toEqual([]);

	const screen = await stage(browser, session);
	await expect(screen.page.getByTestId('stage-highlighted')).toBeVisible();
	expect(await seriousViolations(screen.page)).toEqual([]);

	const speaker = await open(browser, `/speaker/${session.stageToken}`, { viewport: { width: 1280, height: 720 } });
	await expect(speaker.page.getByText('Will the city plant more trees?')).toBeVisible();
	expect(await seriousViolations(speaker.page)).toEqual([]);
});

test('axe finds no serious or critical violation on word clouds and walls: phone, console and stage', async ({ browser, session, request }) => {
	const auth = { authorization: `Bearer ${session.moderatorToken}` };
	const cloudId = crypto.randomUUID();
	expect((await request.post(`/api/sessions/${session.id}/wordclouds`, { headers: auth, data: { id: cloudId, prompt: 'One word for 2040' } })).status()).toBe(201);
	expect((await request.post(`/api/wordclouds/${cloudId}/open`, { headers: auth })).status()).toBe(200);
	expect((await request.put(`/api/sessions/${session.id}/stage`, { headers: auth, data: { mode: 'cloud', activityId: cloudId } })).status()).toBe(200);

	const p = await phone(browser, session);
	await live(p.page);
	await p.page.getByLabel('Your answer (1 to 3 words)').fill('Trees');
	await p.page.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(p.page.getByTestId('phone-cloud').locator('svg text')).toHaveCount(1);
	expect(await seriousViolations(p.page)).toEqual([]);

	const screen = await stage(browser, session);
	await expect(screen.page.getByTestId('stage-cloud').locator('svg text')).toHaveCount(1);
	expect(await seriousViolations(screen.page)).toEqual([]);

	const wallId = crypto.randomUUID();
	expect((await request.post(`/api/sessions/${session.id}/walls`, { headers: auth, data: { id: wallId, prompt: 'Ideas for cooler streets?' } })).status()).toBe(201);
	expect((await request.post(`/api/walls/${wallId}/open`, { headers: auth })).status()).toBe(200);
	await p.page.getByLabel('Your answer', { exact: true }).fill('Drinking fountains');
	await p.page.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(p.page.getByTestId('phone-wall')).toContainText('Drinking fountains');
	expect(await seriousViolations(p.page)).toEqual([]);

	const mod = await moderator(browser, session);
	await expect(mod.page.getByTestId('mod-cloud-preview').locator('svg text')).toHaveCount(1);
	await expect(mod.page.getByTestId('mod-wall')).toHaveCount(1);
	expect(await seriousViolations(mod.page)).toEqual([]);

	expect((await request.put(`/api/sessions/${session.id}/stage`, { headers: auth, data: { mode: 'wall', activityId: wallId } })).status()).toBe(200);
	await expect(screen.page.getByTestId('wall-answer')).toHaveCount(1);
	expect(await seriousViolations(screen.page)).toEqual([]);
});

test('axe finds no serious or critical violation on the join form with its message, and on the phone page as served without JavaScript', async ({ browser, session, request }) => {
	const narrow = { viewport: { width: 320, height: 700 }, isMobile: true, hasTouch: true };
	const join = await open(browser, '/ZZZZZZ', narrow); // lands on the form with "no event has this code"
	await expect(join.page.getByRole('alert')).toBeVisible();
	expect(await seriousViolations(join.page)).toEqual([]);

	// A phone without JavaScript votes through the form. axe cannot run where JavaScript is off, so the
	// page it was served is checked in a context that blocks the app's scripts instead (same cookie,
	// same server-rendered markup, never hydrated; <noscript> notes are plain hints, not rendered here).
	await createPoll(request, session);
	const noJs = await phone(browser, session, { javaScriptEnabled: false });
	await noJs.page.getByRole('button', { name: 'Trams' }).click();
	await expect(noJs.page.getByTestId('vote-status')).toContainText('Your vote was received');
	const context = await browser.newContext({ ...narrow, storageState: await noJs.context.storageState() });
	await context.route('**/_app/**/*.js', (route) => route.abort());
	const served = await context.newPage();
	await served.goto(`/s/${session.id}`);
	await served.waitForLoadState('networkidle');
	await expect(served.getByTestId('connection')).toHaveAttribute('data-status', 'connecting'); // never scripted
	await expect(served.getByRole('button', { name: 'Trams' })).toHaveAttribute('aria-pressed', 'true');
	await expect(served.getByTestId('vote-status')).toHaveText('Your vote was received. You can change it until voting closes.');
	expect(await seriousViolations(served)).toEqual([]);
});
