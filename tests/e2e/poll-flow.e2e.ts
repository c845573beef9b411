import { createPoll, events, expect, live, moderator, moderatorApi, phone, stage, test } from './fixtures';

test('a moderator creates and opens a poll, three phones vote, the stage updates live, closing shows on phones', async ({ browser, session }) => {
	const mod = await moderator(browser, session);
	const screen = await stage(browser, session);
	const phones = await Promise.all([phone(browser, session), phone(browser, session), phone(browser, session)]);
	await live(mod.page);
	for (const p of phones) await expect(p.page.getByText('Waiting for the next question')).toBeVisible();
	await expect(screen.page.getByTestId('join-code')).toBeVisible();

	// Create and open a poll in the console.
	await mod.page.getByRole('textbox', { name: 'Question', exact: true }).fill('Which measure should the city fund first?');
	await mod.page.getByPlaceholder('Answer 1').fill('More trees');
	await mod.page.getByPlaceholder('Answer 2').fill('Tram lines');
	await mod.page.getByRole('button', { name: 'Add an answer' }).click();
	await mod.page.getByPlaceholder('Answer 3').fill('Bike lanes');
	await mod.page.getByRole('button', { name: 'Create poll' }).click();
	const card = mod.page.getByTestId('mod-poll');
	await expect(card).toHaveAttribute('data-state', 'draft');
	await card.getByRole('button', { name: 'Open', exact: true }).click();
	await expect(card).toHaveAttribute('data-state', 'open');
	await card.getByRole('button', { name: 'Results on stage' }).click();

	// The stage switches to the chart without a reload.
	await expect(screen.page.getByTestId('stage')).toHaveAttribute('data-mode', 'results');
	await expect(screen.page.getByRole('heading', { name: 'Which measure should the city fund first?' })).toBeVisible();
	await expect(screen.page.getByTestId('stage-responses')).toHaveText('0 responses');

	// Three phones vote; each sees its vote confirmed.
	const picks = ['Tram lines', 'Tram lines', 'Bike lanes'];
	for (const [i, p] of phones.entries()) {
		await p.page.getByRole('button', { name: picks[i] }).click();
		await expect(p.page.getByTestId('vote-status')).toContainText('Your vote was received');
		await expect(p.page.getByRole('button', { name: picks[i] })).toHaveAttribute('aria-pressed', 'true');
	}

	// Stage count and chart follow live.
	await expect(screen.page.getByTestId('stage-responses')).toHaveText('3 responses');
	await expect(screen.page.getByRole('img', { name: 'More trees: 0, Tram lines: 2, Bike lanes: 1' })).toBeVisible();
	await expect(mod.page.getByTestId('mod-responses')).toHaveText('3 responses');
	// Live results on a phone too.
	await expect(phones[0].page.locator('[data-option="b"]')).toHaveAttribute('data-count', '2');

	// The moderator closes the poll: every phone shows it closed, without reload.
	await card.getByRole('button', { name: 'Close', exact: true }).click();
	for (const p of phones) {
		await expect(p.page.getByTestId('poll-closed')).toBeVisible();
		await expect(p.page.getByRole('button', { name: 'Tram lines' })).toHaveCount(0);
	}
	await expect(screen.page.getByText('Voting closed')).toBeVisible();

	// Tallies arrived as coalesced, versioned snapshots, never out of order (T1, T2).
	const versions = events(screen.frames)
		.filter(([e]) => e === 'tally')
		.map(([, t]) => (t as { version: number }).version);
	expect(versions.length).toBeGreaterThan(0);
	expect(versions.length).toBeLessThanOrEqual(8);
	expect([...versions].sort((a, b) => a - b)).toEqual(versions);
});

test('a phone that reloads keeps its vote', async ({ browser, session, request }) => {
	await createPoll(request, session);
	const p = await phone(browser, session);
	await p.page.getByRole('button', { name: 'Trams' }).click();
	await expect(p.page.getByTestId('vote-status')).toContainText('Your vote was received');
	await p.page.reload();
	await expect(p.page.getByRole('button', { name: 'Trams' })).toHaveAttribute('aria-pressed', 'true');
	await expect(p.page.getByRole('button', { name: 'Trees' })).toHaveAttribute('aria-pressed', 'false');
	await live(p.page);
	// Changing the vote after the reload moves it rather than adding one.
	await p.page.getByRole('button', { name: 'Bikes' }).click();
	await expect(p.page.getByRole('button', { name: 'Bikes' })).toHaveAttribute('aria-pressed', 'true');
	await expect(p.page.locator('[data-option="c"]')).toHaveAttribute('data-count', '1');
	await expect(p.page.locator('[data-option="b"]')).toHaveAttribute('data-count', '0');
});

test('a multiple-choice vote sends the picked options; without JavaScript a phone still votes through the form', async ({ browser, session, request }) => {
	const pollId = await createPoll(request, session, { multiple: true, maxChoices: 2 });
	const p = await phone(browser, session);
	await live(p.page);
	await p.page.getByRole('checkbox', { name: 'Trees' }).check();
	await p.page.getByRole('checkbox', { name: 'Bikes' }).check();
	await expect(p.page.getByRole('checkbox', { name: 'Trams' })).toBeDisabled(); // at most two
	// Ticks not sent yet survive a look at the questions (the poll's panel is unmounted meanwhile).
	await moderatorApi(request, session, `/api/sessions/${session.id}/qa`, 'PUT', { enabled: true, premoderation: false, identity: 'choice', downvotes: false, maxLength: 300 });
	await p.page.getByRole('tab', { name: 'Questions' }).click();
	await expect(p.page.getByRole('checkbox', { name: 'Trees' })).toHaveCount(0);
	await p.page.getByRole('tab', { name: 'Poll' }).click();
	await expect(p.page.getByRole('checkbox', { name: 'Trees' })).toBeChecked();
	await expect(p.page.getByRole('checkbox', { name: 'Bikes' })).toBeChecked();
	await p.page.getByRole('button', { name: 'Send my vote' }).click();
	await expect(p.page.getByTestId('vote-status')).toContainText('Your vote was received');

	// A phone with JavaScript off: the same form posts to the server, which casts the vote.
	const noJs = await phone(browser, session, { javaScriptEnabled: false });
	await noJs.page.getByRole('checkbox', { name: 'Trams' }).check();
	const posted = noJs.page.waitForResponse((r) => r.url().includes('?/vote') && r.request().method() === 'POST');
	await noJs.page.getByRole('button', { name: 'Send my vote' }).click();
	expect((await posted).status()).toBe(303); // post/redirect/get: back to the session, its saved vote ticked
	await expect(noJs.page).toHaveURL(new RegExp(`/s/${session.id}$`));
	await expect(noJs.page.getByRole('checkbox', { name: 'Trams' })).toBeChecked();
	await expect(noJs.page.getByTestId('vote-status')).toHaveText('Your vote was received. You can change it until voting closes.');

	const results = await (await request.get(`/api/polls/${pollId}/results`, { headers: { authorization: `Bearer ${session.moderatorToken}` } })).json();
	expect(results.voters).toBe(2);
	expect(Object.fromEntries(results.options.map((o: { id: string; count: number }) => [o.id, o.count]))).toEqual({ a: 1, b: 1, c: 1 });
});
