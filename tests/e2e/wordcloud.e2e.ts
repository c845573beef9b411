import type { APIRequestContext, Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { caughtUp, events, expect, live, moderator, moderatorApi, phone, stage, test, versionOf, type SessionLinks } from './fixtures';

async function openCloud(request: APIRequestContext, session: SessionLinks, input: Record<string, unknown> = {}): Promise<string> {
	const id = randomUUID();
	await moderatorApi(request, session, `/api/sessions/${session.id}/wordclouds`, 'POST', { id, prompt: 'One word for your city in 2040', ...input });
	await moderatorApi(request, session, `/api/wordclouds/${id}/open`);
	await moderatorApi(request, session, `/api/sessions/${session.id}/stage`, 'PUT', { mode: 'cloud', activityId: id });
	return id;
}

async function send(page: Page, text: string) {
	await page.getByLabel('Your answer (1 to 3 words)').fill(text);
	await page.getByRole('button', { name: 'Send', exact: true }).click();
	// The phone lists the entry as counted: trimmed, without surrounding punctuation.
	await expect(page.getByTestId('my-entries')).toContainText(text.trim().replace(/[!?.]+$/, ''));
	await expect(page.getByTestId('my-entries')).toContainText('received');
}

const word = (page: Page, key: string) => page.locator(`svg text[data-key="${key}"]`);
const fontSize = async (page: Page, key: string) => Number(await word(page, key).getAttribute('font-size'));

test('W10 five phones send variants of one word: the stage and the phones show one group, sized by its count', async ({ browser, session, request }) => {
	await openCloud(request, session);
	const screen = await stage(browser, session);
	const phones = await Promise.all(Array.from({ length: 5 }, () => phone(browser, session)));
	for (const p of phones) await live(p.page);
	const answers = ['City', 'cities ', 'city!', 'Trams', 'Bikes'];
	await Promise.all(phones.map((p, i) => send(p.page, answers[i])));

	const cloud = screen.page.getByTestId('stage-cloud');
	await expect(cloud.locator('svg text[data-key="citi"]')).toHaveText('City');
	await expect(cloud.locator('svg text')).toHaveCount(3);
	expect(await fontSize(screen.page, 'citi')).toBeGreaterThan(await fontSize(screen.page, 'tram'));
	expect(await fontSize(screen.page, 'tram')).toBe(await fontSize(screen.page, 'bike'));
	// The screen-reader alternative lists the groups with their counts.
	await expect(cloud.getByRole('listitem').first()).toHaveText('City: 3 answers');
	await expect(screen.page.getByTestId('stage-responses')).toHaveText('5 responses');

	// Every phone sees the same grouping in its light cloud.
	for (const p of phones) {
		await expect(p.page.getByTestId('phone-cloud').locator('svg text[data-key="citi"]')).toHaveText('City');
		await expect(p.page.getByTestId('phone-cloud').locator('svg text')).toHaveCount(3);
	}
});

test('W11 a word a moderator hides disappears from the stage and the phones, and comes back when shown again', async ({ browser, session, request }) => {
	await openCloud(request, session);
	const screen = await stage(browser, session);
	const a = await phone(browser, session);
	const b = await phone(browser, session);
	const mod = await moderator(browser, session);
	await Promise.all([live(a.page), live(b.page), live(mod.page)]);
	await send(a.page, 'Trees');
	await send(b.page, 'Cars');
	await send(b.page, 'Trees');
	await expect(word(screen.page, 'car')).toBeVisible();
	await expect(word(a.page, 'car')).toBeVisible();

	const row = mod.page.getByTestId('mod-group').filter({ hasText: 'Cars' });
	await row.getByRole('button', { name: 'Hide Cars' }).click();
	await expect(word(screen.page, 'car')).toHaveCount(0);
	await expect(word(a.page, 'car')).toHaveCount(0);
	await expect(word(b.page, 'car')).toHaveCount(0);
	await expect(word(screen.page, 'tree')).toBeVisible();
	await expect(screen.page.getByTestId('stage-cloud').getByRole('listitem')).toHaveCount(1);
	// Not even in the phones' socket traffic after the hide.
	const after = events(a.frames)
		.filter(([e]) => e === 'cloud')
		.at(-1)?.[1] as { words: { key: string }[] };
	expect(after.words.map((w) => w.key)).toEqual(['tree']);

	await mod.page.getByTestId('mod-hidden-group').filter({ hasText: 'Cars' }).getByRole('button', { name: 'Show again Cars' }).click();
	await expect(word(screen.page, 'car')).toBeVisible();
	await expect(word(a.page, 'car')).toBeVisible();
});

test('W12 script-like entries render as inert text on the stage, the phones and the moderator console', async ({ browser, session, request }) => {
	await openCloud(request, session);
	const screen = await stage(browser, session);
	const a = await phone(browser, session);
	const mod = await moderator(browser, session);
	await Promise.all([live(a.page), live(mod.page)]);
	const attack = '<img src=x onerror=pwned=1>';
	await send(a.page, attack);
	for (const p of [screen.page, a.page]) {
		await expect(p.locator('svg text').filter({ hasText: '<img src=x onerror=pwned=1>' })).toHaveCount(1);
		await expect(p.locator('svg img, svg script, svg foreignObject')).toHaveCount(0);
	}
	await expect(mod.page.getByTestId('mod-group').filter({ hasText: attack })).toHaveCount(1);
	await expect(mod.page.locator('main img')).toHaveCount(0);
	for (const p of [screen.page, a.page, mod.page]) expect(await p.evaluate(() => (window as unknown as { pwned?: number }).pwned ?? 0)).toBe(0);
});

test('W13 with results after answering, a phone sees the cloud only after its own entry; the stage shows it live', async ({ browser, session, request }) => {
	await openCloud(request, session, { visibility: 'after_vote' });
	const screen = await stage(browser, session);
	const a = await phone(browser, session);
	const b = await phone(browser, session);
	await Promise.all([live(a.page), live(b.page)]);
	await send(a.page, 'Shade');
	await expect(word(screen.page, 'shade')).toBeVisible();
	await expect(word(a.page, 'shade')).toBeVisible();
	await expect(b.page.getByText('Send an answer to see the word cloud.')).toBeVisible();
	// First the positive signals: the phone that answered received the cloud with its word, and the
	// phone that did not has since received a later message. Only then: no cloud reached it.
	await expect.poll(() => versionOf(a, 'cloud', (c) => JSON.stringify(c).includes('"key":"shade"'))).toBeGreaterThan(0);
	await caughtUp(request, session, [b]);
	expect(events(b.frames).filter(([e]) => e === 'cloud')).toHaveLength(0);
	await send(b.page, 'Water');
	await expect(word(b.page, 'shade')).toBeVisible();
	await expect(word(b.page, 'water')).toBeVisible();
});
