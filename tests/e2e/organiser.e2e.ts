import { createPoll, expect, live, test } from './fixtures';

test('an organiser creates an event, adds and edits a session in the browser, and gets working links', async ({ browser }) => {
	const context = await browser.newContext({ timezoneId: 'Europe/Vilnius' });
	const page = await context.newPage();
	await page.goto('/');
	await page.getByRole('link', { name: 'Organising an event? Create one' }).click();
	await page.getByLabel('Event name').fill('City climate days');
	await page.getByRole('checkbox', { name: 'Lietuvių' }).check();
	await page.getByRole('button', { name: 'Create event' }).click();
	await expect(page).toHaveURL(/\/admin\/[A-Za-z0-9_-]{43}\?created=1$/);
	await expect(page.getByRole('alert')).toContainText('shown only once');
	const joinCode = await page.getByTestId('admin-join-code').innerText();
	await expect(page.getByRole('link', { name: new RegExp(`^http://127.0.0.1:\\d+/${joinCode}$`) })).toBeVisible();

	await page.getByLabel('Title').fill('Challenge: heat');
	await page.getByLabel('Room').fill('Room 3');
	await page.getByLabel('Starts').fill('2026-06-02T10:00');
	await page.getByLabel('Ends').fill('2026-06-02T11:30');
	await page.getByRole('button', { name: 'Add a session' }).click();
	const card = page.getByTestId('admin-session');
	await expect(card).toHaveCount(1);
	await expect(card).toContainText('Challenge: heat');
	await expect(card).toContainText('Room 3 · 2026-06-02 10:00–11:30');

	// Edit: rename, keep times (they must not shift by the time-zone offset).
	await card.getByText('Edit session').click();
	await card.getByLabel('Title').fill('Challenge: heat islands');
	await card.getByRole('button', { name: 'Save' }).click();
	await expect(card).toContainText('Challenge: heat islands');
	await expect(card).toContainText('Room 3 · 2026-06-02 10:00–11:30');

	// The audience link and QR code lead phones in; the join code finds the event.
	const audienceUrl = await card.getByTestId('audience-link').getAttribute('href');
	expect(audienceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\/[0-9a-f-]{36}$/);
	const phone = await (await browser.newContext()).newPage();
	await phone.goto('/');
	await phone.getByLabel('Event code').fill(joinCode.toLowerCase());
	await phone.getByRole('button', { name: 'Join' }).click();
	await expect(phone).toHaveURL(audienceUrl!);
	await expect(phone.getByRole('heading', { name: 'Challenge: heat islands' })).toBeVisible();

	// The moderator and stage links open their views.
	const moderatorUrl = await card.getByTestId('moderator-link').getAttribute('href');
	const mod = await (await browser.newContext()).newPage();
	await mod.goto(moderatorUrl!);
	await live(mod);
	await expect(mod.getByTestId('mod-join-code')).toHaveText(joinCode);
});

test('a phone without JavaScript can still vote with a plain form', async ({ browser, session, request }) => {
	const pollId = await createPoll(request, session);
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(`/s/${session.id}`);
	await page.getByRole('button', { name: 'Trams' }).click();
	await expect(page.getByTestId('vote-status')).toContainText('Your vote was received');
	const results = await (await request.get(`/api/polls/${pollId}/results`, { headers: { authorization: `Bearer ${session.moderatorToken}` } })).json();
	expect(results.voters).toBe(1);
});
