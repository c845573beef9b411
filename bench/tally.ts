// `npm run bench:tally`: what one tally read costs as a poll fills up, on the embedded database.
// The hub reads each dirty poll's counts once per tick (250 ms); this tells whether keeping the
// counters in memory instead would be worth its risk.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openDatabase } from '$lib/server/db/openDatabase';
import { createContext } from '$lib/server/createContext';
import { createEvent, createSession } from '$lib/server/events/events.service';
import { authenticate } from '$lib/server/access/access.service';
import * as pollsService from '$lib/server/polls/polls.service';
import { tally } from '$lib/server/polls/polls.repository';
import { upsertVotes } from '$lib/server/polls/votes.repository';

export async function run() {
	const dir = mkdtempSync(join(tmpdir(), 'plenum-tally-'));
	const db = await openDatabase({ PLENUM_DATA_DIR: dir });
	try {
		const ctx = createContext(db, { emit() {}, roomSize: () => 0, join() {}, clear() {} }, { tallyIntervalMs: 250, publicUrl: 'http://bench' });
		const { organiserToken } = await createEvent(ctx, { name: 'Tally bench' });
		const session = await createSession(ctx, await authenticate(db, organiserToken), { title: 'Plenary' });
		const moderator = await authenticate(db, session.moderatorToken);
		const poll = await pollsService.create(ctx, moderator, session.id, randomUUID(), { question: 'Q?', options: ['A', 'B', 'C', 'D'] });
		await pollsService.transition(ctx, moderator, poll.id, 'open');
		let votes = 0;
		console.log('| votes in the poll | tally read median | p95 |\n|---|---|---|');
		for (const target of [1000, 2000, 5000, 10000]) {
			while (votes < target) {
				const batch = Array.from({ length: 500 }, (_, i) => ({
					participantId: randomUUID(),
					vote: { pollId: poll.id, choices: ['abcd'[(votes + i) % 4]], submissionId: randomUUID() }
				}));
				await db.transaction((tx) => upsertVotes(tx, batch));
				votes += batch.length;
			}
			const ms: number[] = [];
			for (let i = 0; i < 40; i++) {
				const t0 = performance.now();
				await tally(db, poll.id);
				ms.push(performance.now() - t0);
			}
			ms.sort((a, b) => a - b);
			console.log(`| ${votes} | ${ms[20].toFixed(2)} ms | ${ms[37].toFixed(2)} ms |`);
		}
		await ctx.queue.close();
	} finally {
		await db.close();
		rmSync(dir, { recursive: true, force: true });
	}
}
