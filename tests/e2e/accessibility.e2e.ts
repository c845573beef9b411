import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { createPoll, expect, live, moderator, open, phone, stage, test } from './fixtures';

async function seriousViolations(page: Page) {
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
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
