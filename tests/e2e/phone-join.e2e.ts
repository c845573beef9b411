import type { APIRequestContext, Browser, BrowserContextOptions, Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { createPoll, expect, moderatorApi, open, phone, test, type SessionLinks } from './fixtures';

/** A phone of the given width, with or without JavaScript. */
const mobile = (width: number, javaScriptEnabled = true): BrowserContextOptions => ({
	viewport: { width, height: 800 },
	isMobile: true,
	hasTouch: true,
	javaScriptEnabled
});

// Format valid, but no event has it (the e2e database is fresh, and codes are random).
const WRONG = 'ZZZ-ZZZ';
const NOT_FOUND = 'No event has this code. Check it against the screen and try again.';

/** No sideways scrolling, and the code box and the Join button lie inside the viewport (in any language). */
async function expectFits(page: Page, width: number) {
	const { scrollWidth, clientWidth } = await page.evaluate(() => ({
		scrollWidth: document.documentElement.scrollWidth,
		clientWidth: document.documentElement.clientWidth
	}));
	expect(clientWidth).toBe(width);
	expect(scrollWidth, `page is ${scrollWidth} px wide at ${width} px`).toBeLessThanOrEqual(clientWidth);
	for (const el of [page.locator('form.join input[name="code"]'), page.locator('form.join button[type="submit"]')]) {
		await expect(el).toBeVisible();
		const box = (await el.boundingBox())!;
		expect(box.x).toBeGreaterThanOrEqual(0);
		expect(box.x + box.width).toBeLessThanOrEqual(width);
	}
}

/** The message under the code box, tied to it for screen readers, with what was typed still there. */
async function expectCodeMessage(page: Page, typed: string, message: string) {
	const input = page.getByLabel('Event code');
	const alert = page.getByRole('alert');
	await expect(alert).toHaveText(message);
	await expect(input).toHaveValue(typed);
	await expect(input).toHaveAttribute('aria-invalid', 'true');
	await expect(input).toHaveAttribute('aria-describedby', (await alert.getAttribute('id'))!);
	const [inputBox, alertBox] = [(await input.boundingBox())!, (await alert.boundingBox())!];
	expect(alertBox.y).toBeGreaterThanOrEqual(inputBox.y + inputBox.height);
	await expect(page.getByRole('heading', { name: 'Plenum' })).toBeVisible(); // the join page, not an error page
}

async function votes(request: APIRequestContext, session: SessionLinks, pollId: string) {
	const res = await request.get(`/api/polls/${pollId}/results`, { headers: { authorization: `Bearer ${session.moderatorToken}` } });
	expect(res.status()).toBe(200);
	const body = await res.json();
	return { voters: body.voters as number, counts: Object.fromEntries(body.options.map((o: { id: string; count: number }) => [o.id, o.count])) };
}

/** With JavaScript, waits until the page has loaded its code (so a click goes through use:enhance). */
async function settled(page: Page, javaScriptEnabled: boolean) {
	if (javaScriptEnabled) await page.waitForLoadState('networkidle');
}

/** How many times a text shows on the page (what a reader sees, not the markup). */
const shown = async (page: Page, text: string) => (await page.locator('body').innerText()).split(text).length - 1;

test('the join page fits phones from 320 to 430 px, in English and Lithuanian, with and without a message', async ({ browser }) => {
	for (const width of [320, 390, 430]) {
		for (const locale of ['en-GB', 'lt-LT']) {
			const { context, page } = await open(browser, '/', { ...mobile(width), locale });
			await expect(page.locator('html')).toHaveAttribute('lang', locale.slice(0, 2));
			await settled(page, true);
			await expectFits(page, width);
			// The longest thing the box takes (a code with a space and a dash) and the message still fit.
			await page.locator('#code').fill('ZZZ - ZZZZ');
			await page.locator('form.join button').click();
			await expect(page.getByRole('alert')).toBeVisible();
			await expectFits(page, width);
			await context.close();
		}
	}
});

for (const javaScriptEnabled of [true, false]) {
	test(`a wrong code shows a message under the box and keeps what was typed (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
		const { context, page } = await open(browser, '/', mobile(390, javaScriptEnabled));
		const input = page.getByLabel('Event code');
		await expect(input).not.toHaveAttribute('aria-invalid');
		await settled(page, javaScriptEnabled);

		// A code no event has: 404, answered on the form.
		await input.fill(WRONG.toLowerCase());
		const posted = page.waitForResponse((r) => r.url().includes('?/join') && r.request().method() === 'POST');
		await page.getByRole('button', { name: 'Join' }).click();
		expect((await posted).status()).toBe(javaScriptEnabled ? 200 : 404); // enhance gets the failure as JSON
		await expectCodeMessage(page, WRONG.toLowerCase(), NOT_FOUND);
		await expectFits(page, 390);

		// A code of the wrong shape: its own message, the typed text kept too.
		await input.fill('0O1-IL');
		await page.getByRole('button', { name: 'Join' }).click();
		await expectCodeMessage(page, '0O1-IL', 'A code has six letters or digits, as shown on the screen.');
		expect(await shown(page, NOT_FOUND)).toBe(0);
		await context.close();
	});
}

test('opening /<code> for a code no event has lands on the join form with the code and the message', async ({ browser }) => {
	for (const javaScriptEnabled of [true, false]) {
		const { context, page } = await open(browser, '/zzz-zzz', mobile(390, javaScriptEnabled));
		await expect(page).toHaveURL(/\/\?code=zzz-zzz&missing=1$/);
		await settled(page, javaScriptEnabled);
		await expectCodeMessage(page, 'zzz-zzz', NOT_FOUND);
		await expectFits(page, 390);
		await context.close();
	}
	// Without the flag the form is clean: the message is not shown for a code nobody checked.
	const { context, page } = await open(browser, '/?code=ZZZZZZ', mobile(390));
	await expect(page.getByLabel('Event code')).toHaveValue('ZZZZZZ');
	await expect(page.getByRole('alert')).toHaveCount(0);
	await context.close();
});

test('a right code gets a phone into the session, with and without JavaScript', async ({ browser, playwright }) => {
	// An event of its own with a single session, so the code leads straight into it.
	const api = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}` });
	const created = await api.post('/api/events', { data: { name: 'Phone join event', languages: ['en'] } });
	expect(created.status()).toBe(201);
	const { event, organiserToken } = await created.json();
	const s = await api.post('/api/event/sessions', { headers: { authorization: `Bearer ${organiserToken}` }, data: { title: 'Cooler streets' } });
	expect(s.status()).toBe(201);
	const sessionId = (await s.json()).id as string;
	await api.dispose();

	for (const javaScriptEnabled of [true, false]) {
		const { context, page } = await open(browser, '/', mobile(320, javaScriptEnabled));
		await settled(page, javaScriptEnabled);
		// After a wrong one first, as people do.
		await page.getByLabel('Event code').fill(WRONG);
		await page.getByRole('button', { name: 'Join' }).click();
		await expectCodeMessage(page, WRONG, NOT_FOUND);
		const code = event.joinCode as string;
		await page.getByLabel('Event code').fill(`${code.slice(0, 3)}-${code.slice(3)}`.toLowerCase());
		await page.getByRole('button', { name: 'Join' }).click();
		await expect(page).toHaveURL(new RegExp(`/s/${sessionId}$`));
		await expect(page.getByRole('heading', { name: 'Cooler streets' })).toBeVisible();
		await context.close();
	}
});

async function noJsPhone(browser: Browser, session: SessionLinks) {
	return phone(browser, session, mobile(390, false));
}

test('without JavaScript a phone votes with one confirmation at a clean address, and a refused vote says why once', async ({ browser, session, request, baseURL }) => {
	const pollId = await createPoll(request, session);
	const { context, page } = await noJsPhone(browser, session);
	const saved = 'Your vote was received. You can change it until voting closes.';
	expect(await shown(page, 'Your vote was received')).toBe(0);
	// No live connection without JavaScript, so no "Reconnecting…" badge for ever.
	await expect(page.getByTestId('connection')).toBeHidden();

	const posted = page.waitForResponse((r) => r.url().includes('?/vote') && r.request().method() === 'POST');
	await page.getByRole('button', { name: 'Trams' }).click();
	expect((await posted).status()).toBe(303); // post/redirect/get
	await expect(page).toHaveURL(`${baseURL}/s/${session.id}`);
	await expect(page.getByTestId('vote-status')).toHaveText(saved);
	expect(await shown(page, 'Your vote was received')).toBe(1);
	await expect(page.getByRole('button', { name: 'Trams' })).toHaveAttribute('aria-pressed', 'true');
	expect(await votes(request, session, pollId)).toEqual({ voters: 1, counts: { a: 0, b: 1, c: 0 } });

	// Changing the vote moves it (the redirected page brought a fresh submission id); a reload posts nothing.
	await page.getByRole('button', { name: 'Bikes' }).click();
	await expect(page).toHaveURL(`${baseURL}/s/${session.id}`);
	await expect(page.getByRole('button', { name: 'Bikes' })).toHaveAttribute('aria-pressed', 'true');
	expect(await shown(page, 'Your vote was received')).toBe(1);
	await page.reload();
	expect(await votes(request, session, pollId)).toEqual({ voters: 1, counts: { a: 0, b: 0, c: 1 } });

	// The poll closes while the phone still shows it: the refusal is shown once, next to the vote.
	await moderatorApi(request, session, `/api/polls/${pollId}/close`);
	const refused = page.waitForResponse((r) => r.url().includes('?/vote') && r.request().method() === 'POST');
	await page.getByRole('button', { name: 'Trees' }).click();
	expect((await refused).status()).toBe(409);
	await expect(page.getByTestId('vote-status')).toHaveText('This poll is closed. Your vote was not counted.');
	expect(await shown(page, 'This poll is closed')).toBe(1);
	expect(await shown(page, 'Your vote was received')).toBe(0);
	await expect(page.getByText('Your vote: Bikes')).toBeVisible();
	expect(await votes(request, session, pollId)).toEqual({ voters: 1, counts: { a: 0, b: 0, c: 1 } });
	await context.close();
});

/**
 * The needs-JavaScript notes a page shows (`<noscript>` content: rendered without JavaScript, but
 * skipped by Playwright's text locators, so read from the elements and checked visible).
 */
async function expectNotes(page: Page, notes: string[]) {
	const shownNotes = page.locator('noscript > p');
	await expect(shownNotes).toHaveText(notes);
	for (const n of await shownNotes.all()) await expect(n).toBeVisible();
	// And nothing that would spin forever.
	await expect(page.getByText(/Loading/)).toHaveCount(0);
}

test('without JavaScript the questions, the word cloud and the wall say they need it; with JavaScript they load', async ({ browser, session, request }) => {
	const qa = (enabled: boolean) =>
		moderatorApi(request, session, `/api/sessions/${session.id}/qa`, 'PUT', { enabled, premoderation: false, identity: 'choice', downvotes: false, maxLength: 300 });
	const questions = 'Questions need JavaScript, which is off in this browser. Turn it on to ask and upvote questions; voting in polls works without it.';
	// Without Q&A and without a poll: waiting, and told that nothing will appear by itself.
	await qa(false);
	const { context, page } = await noJsPhone(browser, session);
	await expect(page.getByText('Waiting for the next question')).toBeVisible();
	await expectNotes(page, ['JavaScript is off in this browser: reload this page when the next question is shown.']);
	await expect(page.getByRole('tab')).toHaveCount(0);

	// With Q&A and no activity the Questions tab is shown: it says it needs JavaScript instead of loading forever.
	await qa(true);
	await page.reload();
	await expect(page.getByRole('tab', { name: 'Questions' })).toHaveAttribute('aria-selected', 'true');
	await expectNotes(page, [questions]);

	const cloudId = randomUUID();
	await moderatorApi(request, session, `/api/sessions/${session.id}/wordclouds`, 'POST', { id: cloudId, prompt: 'One word for 2040' });
	await moderatorApi(request, session, `/api/wordclouds/${cloudId}/open`);
	await page.reload();
	await expect(page.getByRole('tab', { name: 'Word cloud' })).toHaveAttribute('aria-selected', 'true');
	// The Questions tab next to it cannot switch without JavaScript either: the note says so under the tabs.
	await expectNotes(page, [questions, 'The word cloud needs JavaScript, which is off in this browser. Turn it on to take part.']);

	const wallId = randomUUID();
	await moderatorApi(request, session, `/api/sessions/${session.id}/walls`, 'POST', { id: wallId, prompt: 'Ideas for cooler streets?' });
	await moderatorApi(request, session, `/api/walls/${wallId}/open`);
	await page.reload();
	await expectNotes(page, [questions, 'The wall needs JavaScript, which is off in this browser. Turn it on to take part.']);
	await context.close();

	// With JavaScript none of this shows: the wall loads, and so do the questions.
	const scripted = await phone(browser, session);
	await expect(scripted.page.getByLabel('Your answer', { exact: true })).toBeVisible();
	await scripted.page.getByRole('tab', { name: 'Questions' }).click();
	await expect(scripted.page.getByRole('button', { name: 'Ask' })).toBeVisible();
	expect(await shown(scripted.page, 'needs JavaScript')).toBe(0);
	expect(await shown(scripted.page, 'JavaScript is off')).toBe(0);
	await scripted.context.close();
});
