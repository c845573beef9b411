import * as polls from '$lib/domain/polls';
import * as schema from '$lib/domain/polls.schema';
import { parse } from '$lib/domain/validate';
import type { ActivityModule } from '../activity/module';
import * as repo from './polls.repository';
import { myVotes } from './votes.repository';
import { castVote } from './voting.service';
import { randomId } from '$lib/domain/ids';
import { z } from 'zod';

type Definition = ReturnType<typeof polls.define>;

/** Multiple-choice polls on the activity kernel. Votes go through voting.service (the hot path). */
export const pollModule: ActivityModule<polls.Poll, Omit<Definition, 'visibility'>> = {
	kind: 'poll',
	noun: 'poll',
	example: { question: 'Which measure first?', options: ['Trees', 'Trams', 'Bikes'] },
	exampleAction: { name: 'vote', input: () => ({ choices: ['a'], submissionId: randomId() }) },
	define(body) {
		const { visibility, ...settings } = polls.define(parse(schema.pollInput, body));
		return { visibility, settings };
	},
	insert: (tx, a, settings) => repo.insertPoll(tx, { id: a.id, ...settings }),
	find: repo.findPoll,
	list: repo.listPolls,
	async edit(tx, locked, body) {
		const def = polls.define(parse(schema.pollInput, body));
		polls.assertEditable(locked, def, await repo.countVotes(tx, locked.id));
		await repo.updateDefinition(tx, { id: locked.id, ...def });
		return { visibility: def.visibility };
	},
	clear: repo.deleteVotes,
	event: 'tally',
	/** From the live counters, not the database: a tick costs nothing however many have voted. */
	async payloads(src, id, version) {
		const poll = await src.polls.get(id);
		if (!poll) return null;
		const t = await src.tallies.get(id);
		const full: polls.Tally = { pollId: id, version, voters: t.voters, counts: polls.countsFor(poll, t.rows) };
		return { activity: poll, full, dark: { ...full, counts: null }, moderator: full };
	},
	mine: async (db, id, participantId) => (await myVotes(db, participantId, [id]))[id] ?? null,
	// The socket's `vote` and POST /api/polls/:id/votes, through `act` too (the service checks and limits).
	actions: { vote: { input: z.unknown(), run: (ctx, participantId, poll, input, receipt) => castVote(ctx, participantId, poll.id, input, undefined, receipt) } },
	title: (p) => p.question,
	changed(ctx, id) {
		ctx.polls.invalidate(id);
		ctx.tallies.forget(id); // a reset deletes votes; an edit may change options: count again
	}
};
