import { DomainError } from '$lib/domain/errors';
import * as polls from '$lib/domain/polls';
import * as schema from '$lib/domain/polls.schema';
import { parse, uuid } from '$lib/domain/validate';
import type { VoteResult } from '$lib/realtime/protocol';
import type { Ctx } from '../context';
import { sqlState, type Queryable } from '../db/driver';
import { requireDistinct, type Receipt } from '../db/writeQueue';
import * as votes from './votes.repository';

/**
 * Casting a vote: the same function serves the socket and the HTTP fallback. The promise
 * resolves only after the group commit, so an acknowledgement always means "stored".
 */
export async function castVote(ctx: Ctx, participantId: string, pollId: unknown, body: unknown, ip?: string, receipt?: Receipt): Promise<VoteResult> {
	const id = parse(uuid, pollId);
	const input = parse(schema.voteInput, body);
	ctx.limits.votes.take(participantId, 'votes');
	// A whole hall may share one address, so the per-address budget is wide: it stops scripts, not rooms.
	if (ip) ctx.limits.votesPerIp.take(ip, 'votes from this network');
	const poll = await ctx.polls.get(id);
	if (!poll) throw new DomainError('not_found', 'No such poll.');

	let choices: string[];
	try {
		choices = polls.checkChoices(poll, input.choices);
	} catch (e) {
		// A retry of a submission stored before the poll closed still gets its first result.
		return earlierResult(ctx, participantId, id, input.submissionId, e);
	}
	let stored: VoteResult | null;
	try {
		const vote = { pollId: id, choices, submissionId: input.submissionId };
		const written = await ctx.queue.runShared(
			'vote',
			{ participantId, vote },
			writeVotes,
			(w) => {
				if (w) ctx.tallies.apply(id, w.previous, w.vote.choices);
			},
			receipt
		);
		stored = written?.vote ?? null;
	} catch (e) {
		throw translate(e);
	}
	// null: the submission id was already used, so this is a retry. Return the first result.
	if (!stored) return earlierResult(ctx, participantId, id, input.submissionId, null);
	ctx.hub.activityChanged('poll', id);
	ctx.hub.voted(participantId, id);
	return stored;
}

/**
 * The votes of one commit in one statement. A submission id or a participant's poll twice in the
 * same list is written apart instead: the statement keys its results by submission id, and a
 * repeated id must be a retry (or a conflict), never a second vote.
 */
function writeVotes(tx: Queryable, writes: votes.VoteWrite[]) {
	requireDistinct(
		writes,
		(w) => w.vote.submissionId,
		(w) => `${w.vote.pollId}:${w.participantId}`
	);
	return votes.upsertVotes(tx, writes);
}

async function earlierResult(ctx: Ctx, participantId: string, pollId: string, submissionId: string, otherwise: unknown): Promise<VoteResult> {
	const first = await votes.findSubmission(ctx.db, participantId, submissionId);
	if (first === 'foreign') throw new DomainError('conflict', 'This submission id was used by someone else.');
	if (first && first.pollId !== pollId) throw new DomainError('conflict', 'This submission id was already used for another poll.');
	if (first) return first;
	throw otherwise ?? new DomainError('conflict', 'This submission could not be found.');
}

/** The SQL trigger has the last word; its refusals become the same 4xx errors as the domain's. */
function translate(e: unknown): unknown {
	const message = (e as Error)?.message ?? '';
	if (sqlState(e) === 'P0001' && message.includes('poll_not_open')) {
		return new DomainError('poll_not_open', 'This poll is not open for voting.');
	}
	if (sqlState(e) === 'P0001' && message.includes('invalid_choices')) {
		return new DomainError('invalid_input', 'These choices are not valid for this poll.');
	}
	if (sqlState(e) === 'P0002' || sqlState(e) === '23503') return new DomainError('not_found', 'No such poll.');
	return e;
}
