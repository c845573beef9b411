import { caughtUp, createPoll, events, expect, live, moderatorApi, phone, stage, test, versionOf } from './fixtures';

/** True if any frame carries per-option counts for this poll (a tally with counts, or an ack with counts). */
function leakedCounts(frames: string[], pollId: string): boolean {
	return events(frames).some(([e, payload]) => {
		const t = payload as { pollId?: string; counts?: unknown };
		return e === 'tally' && t.pollId === pollId && t.counts !== null && t.counts !== undefined;
	});
}

test('T3 a hidden-results poll leaks no counts to phones or the stage until revealed, in the socket traffic too', async ({ browser, session, request }) => {
	const pollId = await createPoll(request, session, { visibility: 'hidden' });
	await moderatorApi(request, session, `/api/sessions/${session.id}/stage`, 'PUT', { mode: 'results', pollId });
	const screen = await stage(browser, session);
	const phones = [await phone(browser, session), await phone(browser, session)];
	for (const p of phones) await live(p.page);
	await expect(screen.page.getByTestId('stage')).toHaveAttribute('data-status', 'online');

	await phones[0].page.getByRole('button', { name: 'Trams' }).click();
	await phones[1].page.getByRole('button', { name: 'Bikes' }).click();
	for (const p of phones) {
		await expect(p.page.getByTestId('vote-status')).toContainText('Your vote was received');
		await expect(p.page.getByText('Results will be shown when the moderator reveals them.')).toBeVisible();
		await expect(p.page.getByTestId('results')).toHaveCount(0);
	}
	// The stage shows the response total but no chart and no counts.
	await expect(screen.page.getByTestId('stage-responses')).toHaveText('2 responses');
	await expect(screen.page.getByText('Results will be revealed later.')).toBeVisible();
	await expect(screen.page.getByRole('img')).toHaveCount(0);

	// Positive signals first: the stage received the tally of both votes (without counts), and every
	// surface has since received a later message. Only then: nothing in the socket traffic, nor in
	// the pages' HTML, carries the counts.
	const bothVotes = (t: unknown) => (t as { pollId: string; voters: number }).pollId === pollId && (t as { voters: number }).voters === 2;
	await expect.poll(() => versionOf(screen, 'tally', bothVotes)).toBeGreaterThan(0);
	await caughtUp(request, session, [...phones, screen]);
	for (const s of [...phones, screen]) expect(leakedCounts(s.frames, pollId)).toBe(false);
	for (const p of phones) expect(events(p.frames).filter(([e]) => e === 'tally')).toEqual([]);
	const anonymous = await request.get(`/api/polls/${pollId}/results`);
	expect(anonymous.status()).toBe(403);
	await phones[0].page.reload();
	await expect(phones[0].page.getByTestId('results')).toHaveCount(0);
	expect(await phones[0].page.content()).not.toContain('"counts":{');

	// Revealed: counts reach phones and stage live.
	await moderatorApi(request, session, `/api/polls/${pollId}/reveal`);
	await expect(screen.page.getByRole('img', { name: 'Trees: 0, Trams: 1, Bikes: 1' })).toBeVisible();
	for (const p of phones) await expect(p.page.locator('[data-option="b"]')).toHaveAttribute('data-count', '1');
	expect(leakedCounts(phones[1].frames, pollId)).toBe(true);
});

test('T4 an after-vote poll shows counts only to phones that voted', async ({ browser, session, request }) => {
	const pollId = await createPoll(request, session, { visibility: 'after_vote' });
	const voter = await phone(browser, session);
	const watcher = await phone(browser, session);
	await live(voter.page);
	await live(watcher.page);
	await voter.page.getByRole('button', { name: 'Trees' }).click();
	await expect(voter.page.locator('[data-option="a"]')).toHaveAttribute('data-count', '1');
	await expect(watcher.page.getByText('Results appear after you vote.')).toBeVisible();
	// Positive signals first: the phone that voted received the tally with its counts, and the phone
	// that did not has since received a later message. Only then: no counts reached it.
	await expect.poll(() => leakedCounts(voter.frames, pollId)).toBe(true);
	await caughtUp(request, session, [watcher]);
	expect(leakedCounts(watcher.frames, pollId)).toBe(false);
	await expect(watcher.page.getByTestId('results')).toHaveCount(0);
});
