import { randomUUID } from 'node:crypto';
import { createPoll, expect, live, moderator, moderatorApi, phone, stage, test } from './fixtures';

test('bad input gets a clear 4xx and writes nothing, never a 500', async ({ request, session }) => {
	const auth = { authorization: `Bearer ${session.moderatorToken}` };
	const malformed = await request.post('/api/events', { headers: { 'content-type': 'application/json' }, data: Buffer.from('{"name":') });
	expect(malformed.status()).toBe(400);
	expect((await malformed.json()).error).toMatchObject({ code: 'invalid_input', message: 'The body is not valid JSON.' });

	const notJson = await request.post('/api/events', { headers: { 'content-type': 'application/xml' }, data: '<name>x</name>' });
	expect(notJson.status()).toBe(400);
	expect((await notJson.json()).error.message).toContain('Content-Type: application/json');
	// Form-encoded cross-site posts are stopped earlier by SvelteKit's CSRF guard: still a 4xx.
	const form = await request.post('/api/events', { headers: { 'content-type': 'text/plain' }, data: 'name=x' });
	expect(form.status()).toBe(403);

	const huge = await request.post(`/api/sessions/${session.id}/polls`, {
		headers: auth,
		data: { question: 'x'.repeat(20_000), options: ['a', 'b'] }
	});
	expect(huge.status()).toBe(413);

	const wrongTypes = await request.post(`/api/sessions/${session.id}/polls`, { headers: auth, data: { question: 5, options: 'a,b' } });
	expect(wrongTypes.status()).toBe(400);
	const body = await wrongTypes.json();
	expect(body.error.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['question', 'options']));

	const tooMany = await request.post(`/api/sessions/${session.id}/polls`, {
		headers: auth,
		data: { question: 'Q', options: Array.from({ length: 13 }, (_, i) => `o${i}`) }
	});
	expect(tooMany.status()).toBe(400);
	const list = await request.get(`/api/sessions/${session.id}/polls`, { headers: auth });
	expect(await list.json()).toEqual([]);

	expect((await request.post(`/api/polls/${randomUUID()}/open`, { headers: auth })).status()).toBe(404);
	expect((await request.get(`/api/sessions/${randomUUID()}`)).status()).toBe(404);
	expect((await request.get('/api/join/ZZZZZZ')).status()).toBe(404);
	expect((await request.get('/api/join/0O1IL!')).status()).toBe(400);

	const pollId = await createPoll(request, session);
	for (const data of [
		{},
		{ choices: 'a', submissionId: randomUUID() },
		{ choices: ['zz'], submissionId: randomUUID() },
		{ choices: ['a'], submissionId: 'nope' },
		{ choices: ['a', 'b'], submissionId: randomUUID() },
		[],
		'x',
		{ choices: ['a'], submissionId: randomUUID(), extra: 1 }
	]) {
		const r = await request.post(`/api/polls/${pollId}/votes`, { data });
		expect(r.status(), JSON.stringify(data)).toBe(400);
	}
	const results = await (await request.get(`/api/polls/${pollId}/results`, { headers: auth })).json();
	expect(results.voters).toBe(0);

	// A flood from one phone is cut off with 429 and a readable message.
	let limited = 0;
	for (let i = 0; i < 40; i++) {
		const r = await request.post(`/api/polls/${pollId}/votes`, { data: { choices: ['a'], submissionId: randomUUID() } });
		expect(r.status()).toBeLessThan(500);
		if (r.status() === 429) limited++;
	}
	expect(limited).toBeGreaterThan(0);

	// Closed poll: a clear 409.
	await moderatorApi(request, session, `/api/polls/${pollId}/close`);
	const closed = await request.post(`/api/polls/${pollId}/votes`, { data: { choices: ['a'], submissionId: randomUUID() } });
	expect([409, 429]).toContain(closed.status());
});

test('script-like text in a poll renders inert on phones, stage and console', async ({ browser, request, session }) => {
	const evil = `<script>window.__xss=1</script><img src=x onerror="window.__xss=2">`;
	const pollId = await createPoll(request, session, { question: `Q ${evil}`, options: [`<b>bold</b>`, evil] });
	await moderatorApi(request, session, `/api/sessions/${session.id}/stage`, 'PUT', { mode: 'question', pollId });
	const surfaces = [await phone(browser, session), await stage(browser, session), await moderator(browser, session)];
	for (const s of surfaces) {
		await expect(s.page.getByText(`Q ${evil}`).first()).toBeVisible();
		await expect(s.page.getByText('<b>bold</b>').first()).toBeVisible();
		expect(await s.page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
		expect(await s.page.locator('img[src="x"]').count()).toBe(0);
	}
	await live(surfaces[0].page);
	await surfaces[0].page.getByRole('button', { name: '<b>bold</b>' }).click();
	await expect(surfaces[0].page.getByTestId('vote-status')).toContainText('Your vote was received');
});
