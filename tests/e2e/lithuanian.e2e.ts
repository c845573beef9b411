import { readFileSync } from 'node:fs';
import { createPoll, expect, live, moderatorApi, open, phone, test } from './fixtures';

const en = JSON.parse(readFileSync('messages/en.json', 'utf8')) as Record<string, unknown>;
const lt = JSON.parse(readFileSync('messages/lt.json', 'utf8')) as Record<string, unknown>;

/** Every English message text (the parameter-free parts of it) that Lithuanian translates differently. */
const englishFragments = Object.entries(en)
	.filter(([k, v]) => typeof v === 'string' && k !== '$schema' && v !== lt[k])
	.flatMap(([, v]) => (v as string).split(/\{[^}]+\}/))
	.map((s) => s.trim())
	.filter((s) => s.length >= 4);

function englishIn(text: string): string[] {
	return englishFragments.filter((f) => text.includes(f));
}

test('the audience page in Lithuanian shows no English strings', async ({ browser, session, request }) => {
	const p = await phone(browser, session, { locale: 'lt-LT' });
	await expect(p.page.locator('html')).toHaveAttribute('lang', 'lt');
	await live(p.page);
	await expect(p.page.getByText('Laukiame kito klausimo')).toBeVisible();
	expect(englishIn(await p.page.locator('body').innerText())).toEqual([]);

	const pollId = await createPoll(request, session, { question: 'Kokia priemonė pirmiausia?', options: ['Medžiai', 'Tramvajai'] });
	await p.page.getByRole('button', { name: 'Tramvajai' }).click();
	await expect(p.page.getByTestId('vote-status')).toContainText('Jūsų balsas gautas');
	await expect(p.page.getByText('1 atsakymas')).toBeVisible();
	expect(englishIn(await p.page.locator('body').innerText())).toEqual([]);

	await moderatorApi(request, session, `/api/polls/${pollId}/close`);
	await expect(p.page.getByText('Balsavimas baigtas')).toBeVisible();
	expect(englishIn(await p.page.locator('body').innerText())).toEqual([]);
	// Accessible names count too (labels read by screen readers).
	expect(englishIn(await p.page.locator('body').evaluate((b) => [...b.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label')).join('\n')))).toEqual([]);
});

test('the language switcher changes the audience page language', async ({ browser, session }) => {
	const p = await phone(browser, session, { locale: 'en-GB' });
	await expect(p.page.getByText('Waiting for the next question')).toBeVisible();
	await p.page.getByRole('combobox', { name: 'Language' }).selectOption('lt');
	await expect(p.page.getByText('Laukiame kito klausimo')).toBeVisible();
	await expect(p.page.locator('html')).toHaveAttribute('lang', 'lt');
});

test('the stage display in Lithuanian (?lang=lt) shows no English strings', async ({ browser, session, request }) => {
	const screen = await open(browser, `/stage/${session.stageToken}?lang=lt`, { viewport: { width: 1280, height: 720 }, locale: 'en-GB' });
	await expect(screen.page).toHaveURL(new RegExp(`/stage/${session.stageToken}$`));
	await expect(screen.page.getByText('Prisijunkite telefonu adresu')).toBeVisible();
	expect(englishIn(await screen.page.locator('body').innerText())).toEqual([]);
	const pollId = await createPoll(request, session, { question: 'Kokia priemonė pirmiausia?', options: ['Medžiai', 'Tramvajai'] });
	await moderatorApi(request, session, `/api/sessions/${session.id}/stage`, 'PUT', { mode: 'results', pollId });
	await expect(screen.page.getByText('0 atsakymų')).toBeVisible();
	await moderatorApi(request, session, `/api/polls/${pollId}/close`);
	await expect(screen.page.getByText('Balsavimas baigtas')).toBeVisible();
	expect(englishIn(await screen.page.locator('body').innerText())).toEqual([]);
});

test('without JavaScript the language switcher still works: pick, then Change', async ({ browser, session }) => {
	const p = await phone(browser, session, { locale: 'en-GB', javaScriptEnabled: false });
	await expect(p.page.getByText('Waiting for the next question')).toBeVisible();
	await p.page.getByRole('combobox', { name: 'Language' }).selectOption('lt');
	await p.page.locator('form.switcher button').click();
	await expect(p.page.getByText('Laukiame kito klausimo')).toBeVisible();
	await expect(p.page).toHaveURL(new RegExp(`/s/${session.id}$`)); // the server took ?lang= and redirected
	await expect(p.page.locator('html')).toHaveAttribute('lang', 'lt');
});
