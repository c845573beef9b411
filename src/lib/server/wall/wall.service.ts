import { csv } from '$lib/domain/csv';
import { DomainError } from '$lib/domain/errors';
import * as walls from '$lib/domain/wall';
import * as schema from '$lib/domain/wall.schema';
import { parse, uuid } from '$lib/domain/validate';
import type { Actor } from '../access/access.service';
import { useCasesOf } from '../activity/activity.service';
import type { Ctx } from '../context';
import { sqlState, type Queryable } from '../db/driver';
import { requireDistinct, type Receipt } from '../db/writeQueue';
import * as eventsRepo from '../events/events.repository';
import { findSessionWithEvent, requireSessionOf } from '../events/events.service';
import { matcherFor } from '../moderation/profanityMatcher';
import * as repo from './wall.repository';
import { moderatorAnswer } from './wallViews';

export { views, mine } from './wallViews';

/** The kernel's moderator use cases, held to walls. */
export const { list, create, update, remove, transition, reveal, act } = useCasesOf<walls.Wall>('wall');

/**
 * Open-text wall use cases beside the kernel's lifecycle (wall.module.ts). Phones answer and upvote through the write queue (acknowledged after
 * the commit); moderators curate answers, each action logged. Every change marks the wall
 * dirty in the hub.
 */

/** A malformed id names no wall or answer: the same 404 as an unknown one. */
function idOf(raw: unknown, what: string): string {
	const r = uuid.safeParse(raw);
	if (!r.success) throw new DomainError('not_found', `No such ${what}.`);
	return r.data;
}

async function wallOf(ctx: Ctx, actor: Actor, wallId: unknown): Promise<walls.Wall> {
	const wall = await repo.findWall(ctx.db, idOf(wallId, 'wall'));
	if (!wall) throw new DomainError('not_found', 'No such wall.');
	await requireSessionOf(ctx, actor, wall.sessionId);
	return wall;
}

async function log(tx: Queryable, actor: Actor, sessionId: string, action: string, details: unknown) {
	await eventsRepo.logAction(tx, { eventId: actor.grant.eventId, sessionId, actorGrantId: actor.grant.id, action, details });
}

/** A phone answers. The answer id comes from the phone: a retry returns the stored answer and counts nothing. */
export async function submit(ctx: Ctx, participantId: string, wallId: unknown, body: unknown, ip?: string, receipt?: Receipt): Promise<walls.AuthorAnswer> {
	const id = idOf(wallId, 'wall');
	const input = parse(schema.answerInput, body);
	const wall = await repo.findWall(ctx.db, id);
	if (!wall) throw new DomainError('not_found', 'No such wall.');
	// Before the limits and the open check: a retry of an answer stored just before closing still succeeds.
	const prior = await repo.findAnswer(ctx.db, input.id);
	if (prior) return retried(prior, participantId, wall.id);
	ctx.limits.answers.take(participantId, 'answers');
	if (ip) ctx.limits.questionsPerIp.take(ip, 'answers from this network');
	if (wall.state !== 'open') throw new DomainError('poll_not_open', 'This wall is not open.');
	const text = walls.clean(input.text);
	if (text.length > wall.maxChars) throw new DomainError('invalid_input', `An answer has at most ${wall.maxChars} characters.`);
	const { event } = await findSessionWithEvent(ctx, wall.sessionId);
	const flagged = (await matcherFor(ctx.db, event.id, event.languages)).flagged(text);
	const answer = { id: input.id, wallId: wall.id, participantId, text, state: walls.initialState(wall.moderation, flagged), flagged };
	const raced = await ctx.queue
		.run(
			async (tx) => {
				// The same answer sent twice at once: the second finds the first in the batch.
				const stored = await repo.findAnswer(tx, answer.id);
				if (!stored) await repo.insertAnswer(tx, answer);
				return stored;
			},
			undefined,
			receipt
		)
		.catch(async (e) => {
			// The same id committed by another server in the meantime is a retry too.
			const stored = sqlState(e) === '23505' ? await repo.findAnswer(ctx.db, answer.id) : null;
			if (!stored) throw translate(e, wall);
			return stored;
		});
	if (raced) return retried(raced, participantId, wall.id);
	ctx.hub.activityChanged('wall', wall.id);
	ctx.hub.voted(participantId, wall.id); // after-answer visibility, like after-vote polls
	return { id: answer.id, text: answer.text, state: answer.state };
}

function retried(stored: repo.AnswerRecord, participantId: string, wallId: string): walls.AuthorAnswer {
	if (stored.participantId !== participantId || stored.wallId !== wallId) throw new DomainError('conflict', 'This answer id is taken.');
	return { id: stored.id, text: stored.text, state: stored.state };
}

/** The trigger has the last word; its refusals become the same 4xx errors as the checks above. */
function translate(e: unknown, wall: walls.Wall): unknown {
	if (sqlState(e) === 'P0002') return new DomainError('not_found', 'No such wall.');
	if (sqlState(e) !== 'P0001') return e;
	const message = (e as Error).message ?? '';
	if (message.includes('wall_not_open')) return new DomainError('poll_not_open', 'This wall is not open.');
	if (message.includes('answer_limit')) return new DomainError('conflict', `You have already sent ${wall.maxAnswers} answers.`);
	if (message.includes('answer_too_long')) return new DomainError('invalid_input', `An answer has at most ${wall.maxChars} characters.`);
	return e;
}

/**
 * Sets a phone's upvote on an approved answer (1 adds, 0 removes). Safe to retry: it sets, it
 * does not toggle, and a repeated submission id returns the first result.
 */
export async function vote(ctx: Ctx, participantId: string, answerId: unknown, body: unknown, ip?: string, receipt?: Receipt): Promise<repo.VoteResult> {
	const id = idOf(answerId, 'answer');
	const input = parse(schema.answerVoteInput, body);
	ctx.limits.votes.take(participantId, 'votes');
	if (ip) ctx.limits.votesPerIp.take(ip, 'votes from this network');
	const result: repo.VoteResult = { answerId: id, value: input.value };
	let wallId: string | null;
	try {
		wallId = await ctx.queue.runShared('wall-vote', { answerId: id, participantId, value: input.value, submissionId: input.submissionId }, writeVotes, undefined, receipt);
	} catch (e) {
		// A retry of a vote stored before the answer was hidden still gets its first result.
		return earlierVote(ctx, participantId, id, input.submissionId, e);
	}
	if (!wallId) return earlierVote(ctx, participantId, id, input.submissionId, null);
	ctx.hub.activityChanged('wall', wallId);
	return result;
}

/**
 * The upvotes of one commit together: claimed, checked on the locked answers (so a vote never
 * lands on an answer a moderator has just hidden) and set in one statement. Each returns its
 * wall's id, or null for a retry. Any refusal fails them all, and the queue splits the list.
 */
async function writeVotes(tx: Queryable, writes: repo.VoteWrite[]): Promise<(string | null)[]> {
	requireDistinct(
		writes,
		(w) => `${w.answerId}:${w.participantId}`,
		(w) => w.submissionId
	);
	const fresh = await repo.claimVoteSubmissions(tx, writes);
	const news = writes.filter((w) => fresh.has(w.submissionId));
	const answers = await repo.lockForVotes(tx, [...new Set(news.map((w) => w.answerId))]);
	for (const w of news) {
		const a = answers.get(w.answerId);
		if (!a || a.state !== 'approved') throw new DomainError('not_found', 'No such answer.');
		if (!a.upvotesOn) throw new DomainError('forbidden', 'Upvotes are off on this wall.');
		if (a.wallState === 'draft') throw new DomainError('poll_not_open', 'This wall is not open.');
	}
	if (news.length > 0) await repo.setVotes(tx, news);
	return writes.map((w) => (fresh.has(w.submissionId) ? answers.get(w.answerId)!.wallId : null));
}

async function earlierVote(ctx: Ctx, participantId: string, answerId: string, submissionId: string, otherwise: unknown): Promise<repo.VoteResult> {
	const first = await repo.findVoteSubmission(ctx.db, submissionId);
	if (!first) throw otherwise ?? new DomainError('conflict', 'This submission could not be found.');
	if (first.participantId !== participantId || first.kind !== 'wall_vote' || first.result.answerId !== answerId) {
		throw new DomainError('conflict', 'This submission id was already used for something else.');
	}
	return first.result;
}

/** Approve, hide or send back to pending; logged with the text, so the log shows what was judged. */
export async function moderate(ctx: Ctx, actor: Actor, answerId: unknown, body: unknown): Promise<walls.ModeratorAnswer> {
	const id = idOf(answerId, 'answer');
	const answer = await repo.findAnswer(ctx.db, id);
	if (!answer) throw new DomainError('not_found', 'No such answer.');
	const wall = await wallOf(ctx, actor, answer.wallId);
	const input = parse(schema.answerModerationInput, body);
	await ctx.db.transaction(async (tx) => {
		const locked = await repo.findAnswer(tx, id, true);
		if (!locked) throw new DomainError('not_found', 'No such answer.'); // the wall was reset meanwhile
		if (locked.state === input.state) return;
		await repo.setAnswerState(tx, id, input.state);
		await log(tx, actor, wall.sessionId, 'answer.moderate', { wallId: wall.id, answerId: id, text: locked.text, from: locked.state, to: input.state });
	});
	// Moderation reaches the stage and phones at once, not on the next tick; the author gets their own list again.
	ctx.hub.activityChanged('wall', wall.id, answer.participantId);
	await ctx.hub.flushActivities();
	return moderatorAnswer((await repo.findAnswer(ctx.db, id))!);
}

/** Every answer in every state, oldest first, for the organiser's spreadsheet. */
export async function answersCsv(ctx: Ctx, actor: Actor, wallId: unknown): Promise<string> {
	const wall = await wallOf(ctx, actor, wallId);
	const rows = await repo.allAnswers(ctx.db, wall.id);
	return csv(
		['id', 'created_at', 'state', 'upvotes', 'text'],
		rows.map((a) => [a.id, a.createdAt, a.state, a.upvotes, a.text])
	);
}
