import { createPoll, expect, live, moderatorApi, phone, stage, test } from './fixtures';

test('T5 the stage keeps showing the last state while offline, says so discreetly, and catches up by itself', async ({ browser, session, request }) => {
	const pollId = await createPoll(request, session);
	await moderatorApi(request, session, `/api/sessions/${session.id}/stage`, 'PUT', { mode: 'results', pollId });
	const screen = await stage(browser, session);
	await expect(screen.page.getByTestId('stage')).toHaveAttribute('data-status', 'online');
	await expect(screen.page.getByTestId('stage-responses')).toHaveText('0 responses');

	await screen.context.setOffline(true);
	await expect(screen.page.getByTestId('stage-offline')).toBeVisible({ timeout: 30_000 });
	// Still the last known picture, not a blank screen.
	await expect(screen.page.getByRole('heading', { name: 'Which measure first?' })).toBeVisible();

	// Meanwhile a phone votes and the moderator closes the poll.
	const p = await phone(browser, session);
	await p.page.getByRole('button', { name: 'Bikes' }).click();
	await expect(p.page.getByTestId('vote-status')).toContainText('Your vote was received');
	await moderatorApi(request, session, `/api/polls/${pollId}/close`);

	await screen.context.setOffline(false);
	await expect(screen.page.getByTestId('stage')).toHaveAttribute('data-status', 'online', { timeout: 30_000 });
	await expect(screen.page.getByTestId('stage-offline')).toHaveCount(0);
	await expect(screen.page.getByTestId('stage-responses')).toHaveText('1 response');
	await expect(screen.page.getByText('Voting closed')).toBeVisible();
});

test('V3 a phone that votes while offline keeps the vote, shows it queued, and sends it once when back', async ({ browser, session, request }) => {
	const pollId = await createPoll(request, session);
	const p = await phone(browser, session);
	await live(p.page);
	await p.context.setOffline(true);
	await expect(p.page.getByTestId('connection')).toHaveAttribute('data-status', 'offline', { timeout: 30_000 });
	await p.page.getByRole('button', { name: 'Trees' }).click();
	await expect(p.page.getByRole('button', { name: 'Trees' })).toHaveAttribute('aria-pressed', 'true');
	await expect(p.page.getByTestId('vote-status')).toContainText('It will be sent when the connection is back');

	await p.context.setOffline(false);
	await expect(p.page.getByTestId('vote-status')).toContainText('Your vote was received', { timeout: 30_000 });
	const results = await (await request.get(`/api/polls/${pollId}/results`, { headers: { authorization: `Bearer ${session.moderatorToken}` } })).json();
	expect(results.voters).toBe(1);
	expect(results.options.find((o: { label: string }) => o.label === 'Trees').count).toBe(1);
});

test('P5 after a reset and reopen, a phone no longer shows its old vote or counts', async ({ browser, session, request }) => {
	const pollId = await createPoll(request, session, { visibility: 'after_vote' });
	const p = await phone(browser, session);
	await p.page.getByRole('button', { name: 'Trees' }).click();
	await expect(p.page.locator('[data-option="a"]')).toHaveAttribute('data-count', '1');
	await moderatorApi(request, session, `/api/polls/${pollId}/reset`);
	await expect(p.page.getByText('Waiting for the next question')).toBeVisible();
	await moderatorApi(request, session, `/api/polls/${pollId}/open`);
	await expect(p.page.getByRole('button', { name: 'Trees' })).toHaveAttribute('aria-pressed', 'false');
	await expect(p.page.getByTestId('results')).toHaveCount(0);
	await expect(p.page.getByText('Results appear after you vote.')).toBeVisible();
	await p.page.getByRole('button', { name: 'Bikes' }).click();
	await expect(p.page.locator('[data-option="c"]')).toHaveAttribute('data-count', '1');
	await expect(p.page.locator('[data-option="a"]')).toHaveAttribute('data-count', '0');
});

test('V6 where the network blocks sockets, a phone still votes over HTTP with the same submission id', async ({ browser, session, request }) => {
	const pollId = await createPoll(request, session);
	const context = await browser.newContext({ viewport: { width: 390, height: 800 }, isMobile: true });
	await context.route('**/socket.io/**', (route) => route.abort());
	await context.routeWebSocket(/socket\.io/, (ws) => ws.close());
	const page = await context.newPage();
	await page.goto(`/s/${session.id}`);
	await page.getByRole('button', { name: 'Trams' }).click();
	await expect(page.getByTestId('vote-status')).toContainText('Your vote was received');
	const results = await (await request.get(`/api/polls/${pollId}/results`, { headers: { authorization: `Bearer ${session.moderatorToken}` } })).json();
	expect(results.voters).toBe(1);
	await page.reload();
	await expect(page.getByRole('button', { name: 'Trams' })).toHaveAttribute('aria-pressed', 'true');
});

test('T8 where the network blocks WebSockets only, a phone loads the long-polling transport by itself and stays live over it', async ({ browser, session, request }) => {
	const context = await browser.newContext({ viewport: { width: 390, height: 800 }, isMobile: true });
	await context.routeWebSocket(/socket\.io/, (ws) => ws.close());
	const page = await context.newPage();
	const polled: string[] = [];
	const httpVotes: string[] = [];
	page.on('request', (r) => {
		if (r.url().includes('/socket.io/') && r.url().includes('transport=polling')) polled.push(r.url());
		if (/\/api\/polls\/[^/]+\/votes/.test(r.url())) httpVotes.push(r.url());
	});
	await page.goto(`/s/${session.id}`);
	// Connected over polling: the badge says so (a proxy that accepts a WebSocket and closes it costs
	// the handshake timeout, 8 s, first), and a poll opened now reaches the phone without a reload.
	await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'online', { timeout: 20_000 });
	expect(polled.length).toBeGreaterThan(0);
	const pollId = await createPoll(request, session);
	await page.getByRole('button', { name: 'Trams' }).click();
	await expect(page.getByTestId('vote-status')).toContainText('Your vote was received');
	const results = await (await request.get(`/api/polls/${pollId}/results`, { headers: { authorization: `Bearer ${session.moderatorToken}` } })).json();
	expect(results.voters).toBe(1);
	// The vote went over the socket (polling), not the HTTP fallback.
	expect(httpVotes).toEqual([]);
	await context.close();
});
