import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { createPoll, expect, live, moderatorApi, open, phone, test } from './fixtures';

/**
 * Resilience: a phone's outbox across a long offline spell (RS1), and a server killed with SIGKILL
 * in the middle of a vote storm, then restarted (RS2). Both against the real server process.
 */

// `npm test` runs the short variant; the benchmark runs RS1 with RS1_OFFLINE_MS=30000.
const OFFLINE_MS = Number(process.env.RS1_OFFLINE_MS ?? 5000);

test('RS1 offline phone outbox: a vote, a question and an upvote made offline are each sent exactly once on reconnect', async ({ browser, session, request }) => {
	test.setTimeout(60_000 + OFFLINE_MS);
	const auth = { authorization: `Bearer ${session.moderatorToken}` };
	await moderatorApi(request, session, `/api/sessions/${session.id}/qa`, 'PUT', {
		enabled: true,
		premoderation: false,
		identity: 'choice',
		downvotes: false,
		maxLength: 300
	});
	const pollId = await createPoll(request, session);
	// Another phone (the API client's own participant cookie) asked a question; no premoderation, so it is public.
	const theirs = 'Will the tram line reach the harbour?';
	expect((await request.post(`/api/sessions/${session.id}/questions`, { data: { id: randomUUID(), text: theirs } })).status()).toBe(201);

	const p = await phone(browser, session);
	await live(p.page);
	const navigations: string[] = [];
	p.page.on('framenavigated', (f) => f === p.page.mainFrame() && navigations.push(f.url()));
	// Load the Questions tab while online (its code is fetched on first show), then back to the poll.
	await p.page.getByRole('tab', { name: 'Questions' }).click();
	await expect(p.page.getByTestId('qa-question').filter({ hasText: theirs })).toBeVisible();
	await p.page.getByRole('tab', { name: 'Poll' }).click();

	// Offline: the badge says so.
	await p.context.setOffline(true);
	const badge = p.page.getByTestId('connection');
	await expect(badge).toHaveAttribute('data-status', 'offline', { timeout: 30_000 });
	await expect(badge).toHaveText('Reconnecting…');

	// 1. A vote: shown as chosen and queued.
	await p.page.getByRole('button', { name: 'Trams' }).click();
	await expect(p.page.getByRole('button', { name: 'Trams' })).toHaveAttribute('aria-pressed', 'true');
	await expect(p.page.getByTestId('vote-status')).toContainText('It will be sent when the connection is back');

	// 2. A question: listed under "My questions" as waiting.
	await p.page.getByRole('tab', { name: 'Questions' }).click();
	const mine = 'Can the night buses run every 15 minutes?';
	await p.page.getByTestId('qa-text').fill(mine);
	await p.page.getByRole('button', { name: 'Ask', exact: true }).click();
	const myRow = p.page.getByTestId('qa-mine').locator('li').filter({ hasText: mine });
	await expect(myRow).toContainText('Waiting for the connection…');
	await expect(p.page.getByText('Your question is saved on this phone and will be sent when the connection is back.')).toBeVisible();

	// 3. An upvote on the other phone's question: shown at once (optimistic), and queued.
	const upvote = p.page.getByRole('button', { name: `Upvote: ${theirs}` });
	await upvote.click();
	await expect(upvote).toHaveAttribute('aria-pressed', 'true');
	await expect(upvote.getByTestId('qa-upvotes')).toHaveText('1');
	await expect(p.page.getByText('Your vote will be sent when the connection is back.')).toBeVisible();

	// Stay offline (the outbox retries with backoff meanwhile, and must keep everything), still showing it all as pending.
	await p.page.waitForTimeout(OFFLINE_MS);
	await expect(badge).toHaveAttribute('data-status', 'offline');
	await expect(myRow).toContainText('Waiting for the connection…');
	await expect(upvote).toHaveAttribute('aria-pressed', 'true');
	// Nothing reached the server while offline.
	const before = await (await request.get(`/api/polls/${pollId}/results`, { headers: auth })).json();
	expect(before.voters).toBe(0);
	const qaBefore = (await (await request.get(`/api/sessions/${session.id}/questions`, { headers: auth })).json()).questions as { text: string; upvotes: number }[];
	expect(qaBefore.map((q) => [q.text, q.upvotes])).toEqual([[theirs, 0]]);

	// Back online, same page, no reload: everything is acknowledged.
	await p.context.setOffline(false);
	await expect(badge).toHaveAttribute('data-status', 'online', { timeout: 30_000 });
	await expect(badge).toHaveText('Live');
	await expect(myRow).toHaveAttribute('data-state', 'approved', { timeout: 30_000 });
	await expect(myRow).toContainText('Published');
	await expect(p.page.getByText('Your question was sent.')).toBeVisible();
	await expect(p.page.getByText('Your vote will be sent when the connection is back.')).toHaveCount(0);
	await expect(upvote.getByTestId('qa-upvotes')).toHaveText('1');
	await p.page.getByRole('tab', { name: 'Poll' }).click();
	await expect(p.page.getByTestId('vote-status')).toContainText('Your vote was received', { timeout: 30_000 });
	await expect(p.page.getByRole('button', { name: 'Trams' })).toHaveAttribute('aria-pressed', 'true');

	// The server holds each action exactly once, even after more time for any duplicate resend to land.
	await p.page.waitForTimeout(1500);
	const results = await (await request.get(`/api/polls/${pollId}/results`, { headers: auth })).json();
	expect(results.voters).toBe(1);
	expect(Object.fromEntries(results.options.map((o: { label: string; count: number }) => [o.label, o.count]))).toEqual({ Trees: 0, Trams: 1, Bikes: 0 });
	const questions = (await (await request.get(`/api/sessions/${session.id}/questions`, { headers: auth })).json()).questions as { text: string; upvotes: number }[];
	expect(questions.filter((q) => q.text === mine)).toHaveLength(1);
	expect(questions.filter((q) => q.text === theirs)).toHaveLength(1);
	expect(questions.find((q) => q.text === theirs)?.upvotes).toBe(1);
	expect(navigations).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// RS2: the server is killed with SIGKILL in the middle of a vote storm, then restarted.

const RS2_PORT = 4191; // not 4190: fetch (undici) refuses some ports
const RS2_URL = `http://127.0.0.1:${RS2_PORT}`;
const STORM_PHONES = 60;

/** A `node server.js` of this test's own, on a data directory of its own. */
function startServer(dataDir: string): Promise<ChildProcess> {
	// The embedded database, whatever the environment says (DATABASE_URL would switch to PostgreSQL).
	const { DATABASE_URL: _db, PLENUM_METRICS: _metrics, ...env } = process.env;
	const child = spawn(process.execPath, ['server.js'], {
		env: {
			...env,
			PORT: String(RS2_PORT),
			HOST: '127.0.0.1',
			PLENUM_DATA_DIR: dataDir,
			PLENUM_DEMO: '0',
			TALLY_INTERVAL_MS: '250',
			ORIGIN: RS2_URL,
			PLENUM_ENV_FILE: ''
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${log}`)), 30_000);
		const onData = (d: Buffer) => {
			log += d;
			if (log.includes('listening')) {
				clearTimeout(timer);
				resolve(child);
			}
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', (d: Buffer) => (log += d));
		child.once('exit', (code, signal) => {
			clearTimeout(timer);
			reject(new Error(`server exited (${code ?? signal}) before listening:\n${log}`));
		});
	});
}

function exited(child: ChildProcess): Promise<void> {
	return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

async function api<T = Record<string, unknown>>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
	const res = await fetch(`${RS2_URL}${path}`, {
		method,
		headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
	return JSON.parse(text) as T;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A simulated phone that behaves like the app's one-slot outbox: a vote keeps its submission id and
 * is resent, with that same id, until the server acknowledges it (ack timeouts, disconnects and a
 * server that is gone all mean "try again").
 */
class StormPhone {
	readonly socket: Socket;
	/** The choice the server last acknowledged. */
	acked: string | null = null;
	refusals: string[] = [];
	static acks = 0;
	static inFlight = 0;
	/** Sends of a submission after its first (the same submission id again). */
	static resends = 0;

	constructor(sessionId: string) {
		const cookie = `plenum_pid=${randomBytes(24).toString('base64url')}`;
		this.socket = io(RS2_URL, {
			path: '/socket.io',
			transports: ['websocket'],
			extraHeaders: { cookie },
			auth: { sessionId },
			reconnection: true,
			reconnectionDelay: 200,
			reconnectionDelayMax: 1000,
			timeout: 5000
		});
		// As the app does: socket.io does not retry a handshake the server refused, so retry it ourselves.
		this.socket.on('connect_error', () => {
			if (!this.socket.active) setTimeout(() => this.socket.connect(), 500);
		});
	}

	async vote(pollId: string, choice: string, deadline: number): Promise<void> {
		const submissionId = randomUUID();
		let sends = 0;
		while (Date.now() < deadline) {
			if (!this.socket.connected) {
				await sleep(100);
				continue;
			}
			StormPhone.inFlight++;
			if (sends++ > 0) StormPhone.resends++;
			try {
				const res = await this.socket.timeout(3000).emitWithAck('vote', { pollId, choices: [choice], submissionId });
				if (res?.ok) {
					this.acked = choice;
					StormPhone.acks++;
					return;
				}
				// Only "unavailable" is worth a retry; any other refusal is a failure the test reports.
				if (res?.error?.code !== 'unavailable') {
					this.refusals.push(String(res?.error?.code));
					return;
				}
			} catch {
				/* ack timed out or the socket dropped: resend the same submission */
			} finally {
				StormPhone.inFlight--;
			}
			await sleep(200);
		}
	}
}

test('RS2 SIGKILL mid vote storm: no acknowledged vote lost or doubled, and every page recovers without a reload', async ({ browser }) => {
	test.setTimeout(90_000);
	const dataDir = mkdtempSync(join(tmpdir(), 'plenum-r2-'));
	let server: ChildProcess | null = null;
	const phones: StormPhone[] = [];
	const surfaces: Awaited<ReturnType<typeof open>>[] = [];
	StormPhone.acks = 0;
	StormPhone.inFlight = 0;
	StormPhone.resends = 0;
	try {
		server = await startServer(dataDir);

		// An event, a session, an open poll on the stage.
		const ev = await api<{ organiserToken: string }>('POST', '/api/events', undefined, { name: 'RS2 crash event', languages: ['en'] });
		const s = await api<{ id: string; moderatorToken: string; stageToken: string }>('POST', '/api/event/sessions', ev.organiserToken, {
			title: 'RS2 crash session',
			room: 'Hall K'
		});
		const pollId = randomUUID();
		await api('POST', `/api/sessions/${s.id}/polls`, s.moderatorToken, { id: pollId, question: 'Which line first?', options: ['North', 'South', 'East'] });
		await api('POST', `/api/polls/${pollId}/open`, s.moderatorToken);
		await api('PUT', `/api/sessions/${s.id}/stage`, s.moderatorToken, { mode: 'results', pollId });
		const options = ['a', 'b', 'c'];

		// The three surfaces, on this server.
		const p = await open(browser, `${RS2_URL}/s/${s.id}`, { viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true });
		const screen = await open(browser, `${RS2_URL}/stage/${s.stageToken}`, { viewport: { width: 1280, height: 720 } });
		const mod = await open(browser, `${RS2_URL}/moderate/${s.moderatorToken}`, { viewport: { width: 1200, height: 900 } });
		surfaces.push(p, screen, mod);
		await live(p.page);
		await live(mod.page);
		await expect(screen.page.getByTestId('stage')).toHaveAttribute('data-status', 'online');
		const navigations: string[] = [];
		for (const x of surfaces) x.page.on('framenavigated', (f) => f === x.page.mainFrame() && navigations.push(f.url()));

		// The storm: every phone votes within 3 s; every third then changes its vote, so a double count would show.
		for (let i = 0; i < STORM_PHONES; i++) phones.push(new StormPhone(s.id));
		await expect.poll(() => phones.filter((ph) => ph.socket.connected).length, { timeout: 20_000 }).toBe(STORM_PHONES);
		const finalChoice = (i: number) => options[i % 3 === 0 ? (i + 1) % 3 : i % 3];
		const totalVotes = STORM_PHONES + Math.ceil(STORM_PHONES / 3);
		const deadline = Date.now() + 30_000;
		const storm = Promise.all(
			phones.map(async (ph, i) => {
				await sleep(Math.random() * 3000);
				await ph.vote(pollId, options[i % 3], deadline);
				if (i % 3 === 0) {
					await sleep(300 + Math.random() * 1500);
					await ph.vote(pollId, finalChoice(i), deadline);
				}
			})
		);

		// The browser phone votes as the storm starts.
		await p.page.getByRole('button', { name: 'South' }).click();
		// SIGKILL once a third of the storm is acknowledged, at a moment when votes are in flight.
		await expect.poll(() => StormPhone.acks >= totalVotes / 3 && StormPhone.inFlight > 0, { timeout: 10_000, intervals: [5] }).toBe(true);
		server.kill('SIGKILL');
		const ackedBeforeKill = StormPhone.acks;
		const inFlightAtKill = StormPhone.inFlight;
		await exited(server);
		test.info().annotations.push({ type: 'kill', description: `${ackedBeforeKill}/${totalVotes} votes acknowledged, ${inFlightAtKill} in flight` });
		// Every page notices and says so, without a reload.
		await expect(p.page.getByTestId('connection')).toHaveAttribute('data-status', 'offline', { timeout: 10_000 });
		await expect(mod.page.getByTestId('connection')).toHaveAttribute('data-status', 'offline', { timeout: 10_000 });
		await expect(screen.page.getByTestId('stage-offline')).toBeVisible({ timeout: 10_000 });
		await sleep(1000);
		server = await startServer(dataDir); // same port and data directory; the stale lock is taken over

		await storm;
		test.info().annotations.push({ type: 'resends', description: `${StormPhone.resends} votes resent with their submission id` });
		// The kill really fell inside the storm.
		expect(ackedBeforeKill, 'votes acknowledged before the kill').toBeLessThan(totalVotes);
		// Every simulated phone eventually got its last vote acknowledged, and none was refused.
		expect(phones.flatMap((ph) => ph.refusals)).toEqual([]);
		expect(StormPhone.acks).toBe(totalVotes);
		expect(phones.map((ph) => ph.acked)).toEqual(phones.map((_, i) => finalChoice(i)));

		// The browser phone's vote is received (resent with its submission id if the kill ate it).
		await expect(p.page.getByTestId('connection')).toHaveAttribute('data-status', 'online', { timeout: 30_000 });
		await expect(p.page.getByTestId('vote-status')).toContainText('Your vote was received', { timeout: 30_000 });
		await expect(p.page.getByRole('button', { name: 'South' })).toHaveAttribute('aria-pressed', 'true');

		// The database: one vote per phone, each the phone's last acknowledged choice.
		const expected: Record<string, number> = { a: 0, b: 0, c: 0 };
		for (const ph of phones) expected[ph.acked!]++;
		expected.b++; // the browser phone: South
		const results = await api<{ voters: number; options: { id: string; count: number }[] }>('GET', `/api/polls/${pollId}/results`, s.moderatorToken);
		expect(results.voters).toBe(STORM_PHONES + 1);
		expect(Object.fromEntries(results.options.map((o) => [o.id, o.count]))).toEqual(expected);

		// Stage and moderator console came back by themselves and show the database's count.
		const total = `${results.voters} responses`;
		await expect(screen.page.getByTestId('stage')).toHaveAttribute('data-status', 'online', { timeout: 30_000 });
		await expect(screen.page.getByTestId('stage-offline')).toHaveCount(0);
		await expect(screen.page.getByTestId('stage-responses')).toHaveText(total);
		await expect(mod.page.getByTestId('connection')).toHaveAttribute('data-status', 'online', { timeout: 30_000 });
		await expect(mod.page.getByTestId('mod-responses')).toHaveText(total);
		await expect(p.page.getByTestId('connection')).toHaveAttribute('data-status', 'online');
		expect(navigations).toEqual([]);
	} finally {
		for (const ph of phones) ph.socket.disconnect();
		for (const x of surfaces) await x.context.close().catch(() => {});
		if (server && server.exitCode === null && server.signalCode === null) {
			server.kill('SIGTERM');
			await Promise.race([exited(server), sleep(10_000)]);
			if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
		}
		rmSync(dataDir, { recursive: true, force: true });
	}
});
