import type { Page } from '@playwright/test';
import { events, expect, live, moderator, moderatorApi, open, phone, reached, stage, test, versionOf, type SessionLinks } from './fixtures';

async function qaSettings(request: Parameters<typeof moderatorApi>[0], session: SessionLinks, settings: Record<string, unknown> = {}) {
	await moderatorApi(request, session, `/api/sessions/${session.id}/qa`, 'PUT', {
		enabled: true,
		premoderation: false,
		identity: 'choice',
		downvotes: false,
		maxLength: 300,
		...settings
	});
}

async function openQuestions(page: Page) {
	await live(page);
	await page.getByRole('tab', { name: 'Questions' }).click();
}

async function askQuestion(page: Page, text: string) {
	await page.getByTestId('qa-text').fill(text);
	await page.getByRole('button', { name: 'Ask', exact: true }).click();
}

const modRow = (page: Page, text: string) => page.getByTestId('mod-question').filter({ hasText: text });

test('Q5 a question is asked, stays pending, is approved, and appears on other phones and on the stage', async ({ browser, session, request }) => {
	await qaSettings(request, session, { premoderation: true });
	await moderatorApi(request, session, `/api/sessions/${session.id}/stage`, 'PUT', { mode: 'qa', pollId: null });
	const author = await phone(browser, session);
	const other = await phone(browser, session);
	const screen = await stage(browser, session);
	const mod = await moderator(browser, session);
	await openQuestions(author.page);
	await openQuestions(other.page);
	await live(mod.page);

	await askQuestion(author.page, 'How will the city fund shade trees on school streets?');
	await expect(author.page.getByTestId('qa-mine')).toContainText('How will the city fund shade trees on school streets?');
	await expect(author.page.getByTestId('qa-mine')).toContainText('Waiting for moderation');
	const row = modRow(mod.page, 'How will the city fund shade trees');
	await expect(row).toHaveAttribute('data-state', 'pending');
	// Nobody else sees it yet. First the positive signal: the other phone and the stage received the
	// Q&A update in which the moderators got the pending question (same version, or a newer one).
	const pending = (q: unknown) => JSON.stringify(q).includes('shade trees on school streets');
	await expect.poll(() => versionOf(mod, 'qa', pending)).toBeGreaterThan(0);
	await reached([other, screen], 'qa', versionOf(mod, 'qa', pending)!);
	for (const s of [other, screen]) expect(JSON.stringify(events(s.frames))).not.toContain('shade trees on school streets');
	await expect(other.page.getByTestId('qa-question')).toHaveCount(0);
	await expect(screen.page.getByTestId('stage-qa-item')).toHaveCount(0);

	await row.getByRole('button', { name: 'Approve' }).click();
	await expect(row).toHaveAttribute('data-state', 'approved');
	await expect(other.page.getByTestId('qa-question').filter({ hasText: 'shade trees on school streets' })).toBeVisible();
	await expect(screen.page.getByTestId('stage-qa-item').filter({ hasText: 'shade trees on school streets' })).toBeVisible();
	await expect(author.page.getByTestId('qa-mine')).toContainText('Published');

	// Another phone upvotes; counts update live for the author and the stage.
	await other.page.getByRole('button', { name: /Upvote: How will the city fund shade trees/ }).click();
	await expect(author.page.getByTestId('qa-question').getByTestId('qa-upvotes')).toHaveText('1');
	await expect(screen.page.getByTestId('stage-qa-item').first()).toContainText('1');
});

test('Q8 highlight and answered show on the stage and the speaker view; a rejected question never reaches other phones or the stage', async ({ browser, session, request }) => {
	await qaSettings(request, session, { premoderation: true });
	await moderatorApi(request, session, `/api/sessions/${session.id}/stage`, 'PUT', { mode: 'qa', pollId: null });
	const asker = await phone(browser, session);
	const watcher = await phone(browser, session);
	const screen = await stage(browser, session);
	const speaker = await open(browser, `/speaker/${session.stageToken}`, { viewport: { width: 1280, height: 720 } });
	const mod = await moderator(browser, session);
	await openQuestions(asker.page);
	await openQuestions(watcher.page);
	await live(mod.page);

	await askQuestion(asker.page, 'Can bus lanes be greener?');
	await askQuestion(asker.page, 'SECRET rude remark to reject');
	await askQuestion(asker.page, 'Will rooftop solar reach schools?');
	const keep = modRow(mod.page, 'Can bus lanes be greener?');
	const bad = modRow(mod.page, 'SECRET rude remark');
	await expect(bad).toHaveAttribute('data-state', 'pending');
	await bad.getByRole('button', { name: 'Reject' }).click();
	await keep.getByRole('button', { name: 'Approve' }).click();
	await modRow(mod.page, 'rooftop solar').getByRole('button', { name: 'Approve' }).click();
	await expect(bad).toHaveAttribute('data-state', 'rejected');
	await expect(asker.page.getByTestId('qa-mine')).toContainText('Not shown publicly');

	await keep.getByRole('button', { name: 'Highlight' }).click();
	await expect(screen.page.getByTestId('stage-highlighted')).toContainText('Can bus lanes be greener?');
	await expect(speaker.page.getByText('Can bus lanes be greener?')).toBeVisible();
	await expect(speaker.page.getByTestId('speaker-next').filter({ hasText: 'Will rooftop solar reach schools?' })).toBeVisible();
	await expect(watcher.page.getByTestId('qa-highlighted')).toContainText('Can bus lanes be greener?');

	await keep.getByRole('button', { name: 'Answered' }).click();
	await expect(screen.page.getByTestId('stage-highlighted')).toContainText('Answered');
	await expect(watcher.page.getByTestId('qa-question').filter({ hasText: 'Can bus lanes be greener?' })).toContainText('Answered');

	// The rejected text never travelled to another phone, the stage or the speaker view, not even in
	// socket frames. First the positive signal: each of them received the moderators' latest Q&A
	// update (same version, or a newer one), which came after the rejection.
	await expect.poll(() => versionOf(mod, 'qa', (q) => JSON.stringify(q).includes('"state":"answered"'))).toBeGreaterThan(0);
	await reached([watcher, screen, speaker], 'qa', versionOf(mod, 'qa')!);
	for (const s of [watcher, screen, speaker]) {
		expect(s.frames.join('\n')).not.toContain('SECRET');
		await expect(s.page.getByText('SECRET')).toHaveCount(0);
	}
	expect(events(watcher.frames).some(([e]) => e === 'qa')).toBe(true);
});

test('Q9 two moderators see each other’s Q&A actions live', async ({ browser, session, request }) => {
	await qaSettings(request, session, { premoderation: true });
	const p = await phone(browser, session);
	const a = await moderator(browser, session);
	const b = await moderator(browser, session);
	await openQuestions(p.page);
	await live(a.page);
	await live(b.page);
	await askQuestion(p.page, 'Who maintains the rain gardens?');
	await modRow(a.page, 'rain gardens').getByRole('button', { name: 'Approve' }).click();
	await expect(modRow(b.page, 'rain gardens')).toHaveAttribute('data-state', 'approved');
	await modRow(b.page, 'rain gardens').getByRole('button', { name: 'Star' }).click();
	await expect(modRow(a.page, 'rain gardens').getByRole('button', { name: 'Unstar' })).toBeVisible();
});

test('Q10 an over-long or scripted question is refused or shown inert', async ({ browser, session, request }) => {
	await qaSettings(request, session, { maxLength: 60 });
	await moderatorApi(request, session, `/api/sessions/${session.id}/stage`, 'PUT', { mode: 'qa', pollId: null });
	const p = await phone(browser, session);
	const other = await phone(browser, session);
	const screen = await stage(browser, session);
	const mod = await moderator(browser, session);
	await openQuestions(p.page);
	await openQuestions(other.page);

	// Over-long: the field stops at the limit, and the API refuses a longer one with a clear 400.
	await expect(p.page.getByTestId('qa-text')).toHaveAttribute('maxlength', '60');
	const tooLong = await request.post(`/api/sessions/${session.id}/questions`, { data: { id: crypto.randomUUID(), text: 'x'.repeat(61) } });
	expect(tooLong.status()).toBe(400);
	expect((await tooLong.json()).error.message).toContain('at most 60 characters');

	const script = '<script>window.__xss=1</script>';
	const img = '<img src=x onerror="window.__xss=2">';
	await askQuestion(p.page, script);
	await askQuestion(p.page, img);
	for (const s of [other, screen, mod]) {
		await expect(s.page.getByText(script).first()).toBeVisible();
		await expect(s.page.getByText(img).first()).toBeVisible();
		expect(await s.page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
		expect(await s.page.locator('img[src="x"]').count()).toBe(0);
	}
});

test('Q11 a moderator clears the queue by keyboard: n next pending, a approve, r reject, h highlight, d answered', async ({ browser, session, request }) => {
	await qaSettings(request, session, { premoderation: true });
	for (const text of ['First keyboard question', 'Second keyboard question', 'Third keyboard question']) {
		const res = await request.post(`/api/sessions/${session.id}/questions`, { data: { id: crypto.randomUUID(), text } });
		expect(res.status()).toBe(201);
	}
	const mod = await moderator(browser, session);
	await live(mod.page);
	const rows = mod.page.getByTestId('mod-question');
	await expect(rows).toHaveCount(3);
	await rows.first().focus();
	await mod.page.keyboard.press('n');
	const current = mod.page.locator('[data-testid="mod-question"]:focus');
	const firstId = await current.getAttribute('data-question-id');
	await mod.page.keyboard.press('a');
	await expect(mod.page.locator(`[data-question-id="${firstId}"]`)).toHaveAttribute('data-state', 'approved');
	await mod.page.keyboard.press('n');
	const secondId = await mod.page.locator('[data-testid="mod-question"]:focus').getAttribute('data-question-id');
	expect(secondId).not.toBe(firstId);
	await mod.page.keyboard.press('r');
	await expect(mod.page.locator(`[data-question-id="${secondId}"]`)).toHaveAttribute('data-state', 'rejected');
	// Back to the approved one: highlight it, then mark it answered.
	await mod.page.locator(`[data-question-id="${firstId}"]`).focus();
	await mod.page.keyboard.press('h');
	await expect(mod.page.locator(`[data-question-id="${firstId}"]`).getByRole('button', { name: 'Unhighlight' })).toBeVisible();
	await mod.page.keyboard.press('d');
	await expect(mod.page.locator(`[data-question-id="${firstId}"]`)).toHaveAttribute('data-state', 'answered');
});
