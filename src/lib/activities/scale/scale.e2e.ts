import AxeBuilder from '@axe-core/playwright';
import { caughtUp, events, expect, live, moderator, moderatorApi, phone, reached, stage, test, versionOf } from '../../../../tests/e2e/fixtures';

test('SC8 a moderator creates a rating scale in the console and puts it on stage; phones rate by tap and by keyboard; the stage and the console show the distribution and mean live', async ({
	browser,
	session,
	request
}) => {
	const mod = await moderator(browser, session);
	const screen = await stage(browser, session);
	await live(mod.page);

	// Created from the console's form, opened and shown with its results.
	const panel = mod.page.locator('section', { has: mod.page.getByRole('heading', { name: 'Rating scales' }) });
	await panel.getByText('New rating scale').click();
	await panel.getByLabel('Statements (one per line)').fill('Close the old town to cars\nTrams all night');
	await panel.getByLabel('Label at the low end').fill('Disagree');
	await panel.getByLabel('Label at the high end').fill('Agree');
	await panel.getByRole('button', { name: 'Create rating scale' }).click();
	const card = mod.page.getByTestId('mod-scale');
	await expect(card).toHaveAttribute('data-state', 'draft');
	await card.getByRole('button', { name: 'Open', exact: true }).click();
	await expect(card).toHaveAttribute('data-state', 'open');
	await card.getByRole('button', { name: 'Scale on stage' }).click();
	await expect(screen.page.getByTestId('scale-stage')).toContainText('Trams all night');

	const [a, b] = [await phone(browser, session), await phone(browser, session)];
	await Promise.all([live(a.page), live(b.page)]);
	// Phone A taps: 5 and 4.
	const rate = (p: typeof a, statement: string, value: string) => p.page.getByRole('radiogroup', { name: statement }).getByRole('radio', { name: value, exact: true }).check();
	await rate(a, 'Close the old town to cars', '5');
	await rate(a, 'Trams all night', '4');
	await a.page.getByRole('button', { name: 'Send my ratings' }).click();
	await expect(a.page.getByTestId('scale-status')).toContainText('Sent');
	// Phone B uses the keyboard only: arrows within a statement, Tab to the next, Enter to send.
	await b.page.getByRole('radiogroup', { name: 'Close the old town to cars' }).getByRole('radio').first().focus();
	await b.page.keyboard.press('Space');
	await b.page.keyboard.press('ArrowRight'); // 2
	await b.page.keyboard.press('Tab');
	await b.page.keyboard.press('Space'); // the second statement: 1
	await b.page.getByRole('button', { name: 'Send my ratings' }).focus();
	await b.page.keyboard.press('Enter');
	await expect(b.page.getByTestId('scale-status')).toContainText('Sent');

	// Live: means (5+2)/2 = 3.5 and (4+1)/2 = 2.5 on the stage; counts in the console.
	await expect(screen.page.getByTestId('scale-mean').first()).toHaveText('Mean 3.5');
	await expect(screen.page.getByTestId('scale-mean').nth(1)).toHaveText('Mean 2.5');
	await expect(screen.page.getByTestId('scale-respondents')).toContainText('2');
	await expect(mod.page.getByTestId('mod-scale-respondents')).toContainText('2');
	await expect(card.getByText('Ratings: 2, skipped: 0').first()).toBeVisible();

	// Re-rating replaces: A changes its first rating to 1 → (1+2)/2 = 1.5.
	await rate(a, 'Close the old town to cars', '1');
	await a.page.getByRole('button', { name: 'Change my ratings' }).click();
	await expect(screen.page.getByTestId('scale-mean').first()).toHaveText('Mean 1.5');

	// The CSV: one row per phone.
	const csv = await request.get(`/api/activities/${await card.getAttribute('data-id')}/export`, { headers: { authorization: `Bearer ${session.moderatorToken}` } });
	expect(csv.status()).toBe(200);
	expect((await csv.text()).trim().split('\n')).toHaveLength(3);

	const axe = await new AxeBuilder({ page: a.page }).analyze();
	expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
	const axeStage = await new AxeBuilder({ page: screen.page }).analyze();
	expect(axeStage.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});

test('SC9 hidden results: the stage and the phones get no results of a hidden scale until it is revealed', async ({ browser, session, request }) => {
	const id = crypto.randomUUID();
	await moderatorApi(request, session, `/api/sessions/${session.id}/activities`, 'POST', { kind: 'scale', id, statements: ['Night buses'], visibility: 'hidden' });
	await moderatorApi(request, session, `/api/activities/${id}/open`);
	await moderatorApi(request, session, `/api/sessions/${session.id}/stage`, 'PUT', { mode: 'results', activityId: id });
	const mod = await moderator(browser, session);
	const screen = await stage(browser, session);
	const p = await phone(browser, session);
	await Promise.all([live(mod.page), live(p.page)]);
	await p.page.getByRole('radiogroup', { name: 'Night buses' }).getByRole('radio', { name: '4', exact: true }).check();
	await p.page.getByRole('button', { name: 'Send my ratings' }).click();
	await expect(p.page.getByTestId('scale-status')).toContainText('Sent');

	// Positive first: the console has the rating (version V); then the stage and phone reached V without results.
	const rated = (x: unknown) => JSON.stringify(x).includes('"respondents":1');
	await expect.poll(() => versionOf(mod, 'activity', rated)).toBeGreaterThan(0);
	await reached([screen], 'activity', versionOf(mod, 'activity', rated)!);
	await caughtUp(request, session, [screen, p]);
	expect(JSON.stringify(events(screen.frames))).not.toContain('respondents');
	expect(JSON.stringify(events(p.frames))).not.toContain('respondents');
	await expect(screen.page.getByTestId('scale-stage')).toHaveAttribute('data-results', 'hidden');

	await moderatorApi(request, session, `/api/activities/${id}/reveal`);
	await expect(screen.page.getByTestId('scale-mean')).toHaveText('Mean 4.0');
	await expect(p.page.getByTestId('scale-phone-mean')).toHaveText('Mean 4.0');
});
