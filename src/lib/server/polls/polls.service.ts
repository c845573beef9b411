import { DomainError } from '$lib/domain/errors';
import * as polls from '$lib/domain/polls';
import * as schema from '$lib/domain/polls.schema';
import { stageInput, stageShows, type StageState } from '$lib/domain/stage';
import { parse, uuid } from '$lib/domain/validate';
import { z } from 'zod';
import type { Actor } from '../access/access.service';
import type { Ctx } from '../context';
import type { Queryable } from '../db/driver';
import * as eventsRepo from '../events/events.repository';
import { requireSessionOf } from '../events/events.service';
import * as repo from './polls.repository';
import * as wallService from '../wall/wall.service';
import * as cloudRepo from '../wordcloud/wordcloud.repository';

/**
 * Moderator use cases for polls and the stage. Each one authorises, validates, writes in one
 * transaction (with a moderation-log entry), then tells the hub so every role gets its view.
 */

async function pollOf(ctx: Ctx, actor: Actor, pollId: string): Promise<polls.Poll> {
	if (!uuid.safeParse(pollId).success) throw new DomainError('not_found', 'No such poll.');
	const poll = await repo.findPoll(ctx.db, pollId);
	if (!poll) throw new DomainError('not_found', 'No such poll.');
	await requireSessionOf(ctx, actor, poll.sessionId);
	return poll;
}

async function log(tx: Queryable, actor: Actor, sessionId: string, action: string, details: unknown) {
	await eventsRepo.logAction(tx, { eventId: actor.grant.eventId, sessionId, actorGrantId: actor.grant.id, action, details });
}

function changed(ctx: Ctx, poll: Pick<polls.Poll, 'id' | 'sessionId'>, votesToo = false) {
	ctx.polls.invalidate(poll.id);
	ctx.tallies.forget(poll.id); // a reset deletes votes; an edit may change options: count again
	if (votesToo) ctx.hub.votesChanged(poll.id, poll.sessionId);
	return ctx.hub.sessionChanged(poll.sessionId);
}

export async function list(ctx: Ctx, actor: Actor, sessionId: string): Promise<polls.Poll[]> {
	await requireSessionOf(ctx, actor, sessionId);
	return repo.listPolls(ctx.db, sessionId);
}

/** The poll id comes from the client: repeating a create is harmless. */
export async function create(ctx: Ctx, actor: Actor, sessionId: string, pollId: unknown, body: unknown): Promise<polls.Poll> {
	await requireSessionOf(ctx, actor, sessionId);
	const id = parse(uuid, pollId);
	const def = polls.define(parse(schema.pollInput, body));
	const poll: polls.Poll = { id, sessionId, ...def, state: 'draft', revealed: false, position: 0 };
	const created = await ctx.db.transaction(async (tx) => {
		const fresh = await repo.insertPoll(tx, poll);
		if (fresh) await log(tx, actor, sessionId, 'poll.create', { pollId: id, question: def.question });
		return fresh;
	});
	const stored = (await repo.findPoll(ctx.db, id))!;
	if (!created && stored.sessionId !== sessionId) throw new DomainError('conflict', 'This poll id is taken.');
	await changed(ctx, stored);
	return stored;
}

export async function update(ctx: Ctx, actor: Actor, pollId: string, body: unknown): Promise<polls.Poll> {
	const current = await pollOf(ctx, actor, pollId);
	const def = polls.define(parse(schema.pollInput, body));
	await ctx.db.transaction(async (tx) => {
		const locked = await lockedPoll(tx, pollId);
		polls.assertEditable(locked, def, await repo.countVotes(tx, pollId));
		await repo.updateDefinition(tx, { ...locked, ...def });
		await log(tx, actor, current.sessionId, 'poll.update', { pollId, before: locked.question, after: def.question });
	});
	await changed(ctx, current, true);
	return (await repo.findPoll(ctx.db, pollId))!;
}

export async function remove(ctx: Ctx, actor: Actor, pollId: string): Promise<void> {
	const current = await pollOf(ctx, actor, pollId);
	await ctx.db.transaction(async (tx) => {
		await repo.deletePoll(tx, pollId);
		await log(tx, actor, current.sessionId, 'poll.delete', { pollId, question: current.question });
	});
	await changed(ctx, current);
}

export async function reorder(ctx: Ctx, actor: Actor, sessionId: string, body: unknown): Promise<polls.Poll[]> {
	await requireSessionOf(ctx, actor, sessionId);
	const ids = parse(z.array(uuid).max(500), body);
	await ctx.db.transaction(async (tx) => {
		await repo.reorder(tx, sessionId, ids);
		await log(tx, actor, sessionId, 'poll.reorder', { ids });
	});
	await ctx.hub.sessionChanged(sessionId);
	return repo.listPolls(ctx.db, sessionId);
}

/**
 * open, close and reset. Opening makes the poll the one phones see. The decision is taken on the
 * locked row, so two moderators acting at once cannot both act on a stale state.
 */
export async function transition(ctx: Ctx, actor: Actor, pollId: string, action: polls.Transition): Promise<polls.Poll> {
	const current = await pollOf(ctx, actor, pollId);
	await ctx.db.transaction(async (tx) => {
		const locked = await lockedPoll(tx, pollId);
		const next = polls.transition(locked.state, action);
		await repo.setState(tx, pollId, next);
		if (action === 'reset') {
			await repo.deleteVotes(tx, pollId);
			await repo.setRevealed(tx, pollId, false);
		}
		if (action === 'open') await eventsRepo.setActivePoll(tx, current.sessionId, pollId);
		await log(tx, actor, current.sessionId, `poll.${action}`, { pollId, from: locked.state, to: next });
	});
	if (action === 'reset') ctx.hub.pollReset(pollId, current.sessionId);
	await changed(ctx, current, true);
	return (await repo.findPoll(ctx.db, pollId))!;
}

/** Only a hidden-results poll is revealed; the others already show their results by their rules. */
export async function reveal(ctx: Ctx, actor: Actor, pollId: string): Promise<polls.Poll> {
	const current = await pollOf(ctx, actor, pollId);
	await ctx.db.transaction(async (tx) => {
		const locked = await lockedPoll(tx, pollId);
		if (locked.visibility !== 'hidden') throw new DomainError('conflict', 'Only a poll with hidden results can be revealed.');
		await repo.setRevealed(tx, pollId, true);
		await log(tx, actor, current.sessionId, 'poll.reveal', { pollId });
	});
	await changed(ctx, current, true);
	return (await repo.findPoll(ctx.db, pollId))!;
}

async function lockedPoll(tx: Queryable, pollId: string): Promise<polls.Poll> {
	const poll = await repo.lockPoll(tx, pollId);
	if (!poll) throw new DomainError('not_found', 'No such poll.');
	return poll;
}

export async function setStage(ctx: Ctx, actor: Actor, sessionId: string, body: unknown): Promise<StageState> {
	await requireSessionOf(ctx, actor, sessionId);
	const stage = stageShows(parse(stageInput, body));
	if (stage.pollId) {
		const poll = await repo.findPoll(ctx.db, stage.pollId);
		if (!poll || poll.sessionId !== sessionId) throw new DomainError('not_found', 'No such poll in this session.');
	}
	const kind = stage.mode === 'cloud' ? 'wordcloud' : 'wall';
	if (stage.activityId) {
		const items = kind === 'wordcloud' ? await cloudRepo.listClouds(ctx.db, sessionId) : await wallService.list(ctx.db, sessionId);
		if (!items.some((a) => a.id === stage.activityId)) throw new DomainError('not_found', 'No such word cloud or wall in this session.');
	}
	await ctx.db.transaction(async (tx) => {
		await eventsRepo.setStage(tx, sessionId, stage);
		await log(tx, actor, sessionId, 'stage.set', stage);
	});
	await ctx.hub.sessionChanged(sessionId);
	if (stage.pollId) ctx.hub.votesChanged(stage.pollId, sessionId);
	if (stage.activityId) ctx.hub.activityChanged(kind, stage.activityId);
	return stage;
}
