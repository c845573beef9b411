import { createPoll, expect, live, moderator, test } from './fixtures';

test('two moderators see each other’s changes live', async ({ browser, session, request }) => {
	await createPoll(request, session, { question: 'First question' }, false);
	const a = await moderator(browser, session);
	const b = await moderator(browser, session);
	await live(a.page);
	await live(b.page);

	await a.page.getByTestId('mod-poll').getByRole('button', { name: 'Open', exact: true }).click();
	await expect(b.page.getByTestId('mod-poll')).toHaveAttribute('data-state', 'open');

	await b.page.getByRole('textbox', { name: 'Question', exact: true }).fill('Second question');
	await b.page.getByPlaceholder('Answer 1').fill('Yes');
	await b.page.getByPlaceholder('Answer 2').fill('No');
	await b.page.getByRole('button', { name: 'Create poll' }).click();
	await expect(a.page.getByRole('heading', { name: 'Second question' })).toBeVisible();

	await a.page.getByTestId('mod-poll').nth(1).getByRole('button', { name: 'Question on stage' }).click();
	await expect(b.page.getByTestId('stage-now')).toContainText('Second question');
});

test('without a valid token the console and every moderator action answer 403', async ({ page, request, session }) => {
	const res = await page.goto('/moderate/not-a-real-token-not-a-real-token-not-a-real');
	expect(res?.status()).toBe(403);
	const id = await createPoll(request, session, {}, false);
	for (const [method, path] of [
		['POST', `/api/polls/${id}/open`],
		['POST', `/api/sessions/${session.id}/polls`],
		['PUT', `/api/sessions/${session.id}/stage`]
	] as const) {
		const r = await request.fetch(path, { method, data: {}, headers: { authorization: 'Bearer nope' } });
		expect(r.status(), `${method} ${path}`).toBe(403);
		const r2 = await request.fetch(path, { method, data: {}, headers: { authorization: `Bearer ${session.stageToken}` } });
		expect(r2.status(), `${method} ${path} with a stage token`).toBe(403);
	}
});
