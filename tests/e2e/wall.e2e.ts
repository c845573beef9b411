import type { APIRequestContext, Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { events, expect, live, moderator, moderatorApi, phone, reached, stage, test, versionOf, type SessionLinks } from './fixtures';

async function openWall(request: APIRequestContext, session: SessionLinks, input: Record<string, unknown> = {}): Promise<string> {
	const id = randomUUID();
	await moderatorApi(request, session, `/api/sessions/${session.id}/walls`, 'POST', { id, prompt: 'What would make your street cooler?', ...input });
	await moderatorApi(request, session, `/api/walls/${id}/open`);
	await moderatorApi(request, session, `/api/sessions/${session.id}/stage`, 'PUT', { mode: 'wall', activityId: id });
	return id;
}

async function answer(page: Page, text: string) {
	await page.getByLabel('Your answer', { exact: true }).fill(text);
	await page.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(page.getByTestId('my-answers')).toContainText(text);
}

test('OT10 with moderation on, an answer waits; once approved it reaches the stage wall and other phones, and upvotes count live', async ({ browser, session, request }) => {
	await openWall(request, session, { moderation: true });
	const screen = await stage(browser, session);
	const author = await phone(browser, session);
	const other = await phone(browser, session);
	const mod = await moderator(browser, session);
	await Promise.all([live(author.page), live(other.page), live(mod.page)]);

	await answer(author.page, 'Drinking fountains on every square');
	await expect(author.page.getByTestId('my-answers')).toContainText('Waiting for moderation');
	const row = mod.page.getByTestId('mod-answer').filter({ hasText: 'Drinking fountains' });
	await expect(row).toHaveAttribute('data-state', 'pending');
	// First the positive signal: the other phone and the stage received the wall update in which the
	// moderators got the pending answer (same version, or a newer one). Then: without the answer.
	const pending = (w: unknown) => JSON.stringify(w).includes('Drinking fountains');
	await expect.poll(() => versionOf(mod, 'wall', pending)).toBeGreaterThan(0);
	await reached([other, screen], 'wall', versionOf(mod, 'wall', pending)!);
	await expect(screen.page.getByTestId('wall-answer')).toHaveCount(0);
	expect(JSON.stringify(events(other.frames))).not.toContain('Drinking fountains');
	expect(JSON.stringify(events(screen.frames))).not.toContain('Drinking fountains');

	await row.getByRole('button', { name: 'Approve' }).click();
	await expect(screen.page.getByTestId('wall-answer').filter({ hasText: 'Drinking fountains on every square' })).toBeVisible();
	await expect(other.page.getByTestId('phone-wall')).toContainText('Drinking fountains on every square');
	await expect(author.page.getByTestId('my-answers')).toContainText('Published');

	await other.page.getByRole('button', { name: /Upvote: Drinking fountains/ }).click();
	await expect(other.page.getByRole('button', { name: /Upvote: Drinking fountains/ })).toHaveAttribute('aria-pressed', 'true');
	await expect(screen.page.getByTestId('wall-answer').first()).toContainText('▲ 1');

	// Hidden again: gone from the stage and the phones.
	await mod.page
		.getByTestId('mod-wall')
		.getByRole('button', { name: /^Approved/ })
		.click();
	await mod.page.getByTestId('mod-answer').filter({ hasText: 'Drinking fountains' }).getByRole('button', { name: 'Hide' }).click();
	await expect(screen.page.getByTestId('wall-answer')).toHaveCount(0);
	await expect(other.page.getByTestId('phone-wall')).not.toContainText('Drinking fountains');
});

test('OT11 the idea board: most liked answers rank on the stage; the newest wall pages through many answers', async ({ browser, session, request }) => {
	const wallId = await openWall(request, session, { maxAnswers: 10 });
	const screen = await stage(browser, session);
	const a = await phone(browser, session);
	const b = await phone(browser, session);
	await Promise.all([live(a.page), live(b.page)]);
	for (const t of ['Trees', 'Awnings', 'Misting', 'Fountains', 'Shade sails', 'Green roofs', 'White roofs']) await answer(a.page, t);
	await expect(screen.page.getByTestId('wall-answer')).toHaveCount(6);
	await expect(screen.page.getByTestId('wall-page')).toHaveText('Page 1 of 2');

	await b.page.getByRole('button', { name: 'Upvote: Awnings' }).click();
	await a.page.getByRole('button', { name: 'Upvote: Awnings' }).click();
	await b.page.getByRole('button', { name: 'Upvote: Misting' }).click();
	await moderatorApi(request, session, `/api/walls/${wallId}`, 'PATCH', { sort: 'top' });
	await expect(screen.page.getByTestId('stage-wall')).toHaveAttribute('data-sort', 'top');
	await expect(screen.page.getByTestId('wall-answer').nth(0)).toContainText('Awnings');
	await expect(screen.page.getByTestId('wall-answer').nth(0)).toContainText('▲ 2');
	await expect(screen.page.getByTestId('wall-answer').nth(1)).toContainText('Misting');
});

test('OT12 script-like answers stay inert text on the stage wall and the phones', async ({ browser, session, request }) => {
	await openWall(request, session);
	const screen = await stage(browser, session);
	const a = await phone(browser, session);
	await live(a.page);
	const attack = '<script>pwned=1</script><img src=x onerror="pwned=2">';
	await answer(a.page, attack);
	await expect(screen.page.getByTestId('wall-answer').filter({ hasText: attack })).toHaveCount(1);
	await expect(a.page.getByTestId('phone-wall').filter({ hasText: attack })).toHaveCount(1);
	for (const p of [screen.page, a.page]) {
		await expect(p.locator('main img')).toHaveCount(0);
		expect(await p.evaluate(() => (window as unknown as { pwned?: number }).pwned ?? 0)).toBe(0);
	}
});
