import { DomainError } from '$lib/domain/errors';
import { csv } from '$lib/domain/csv';
import * as profanity from '$lib/domain/moderation/profanity';
import * as qa from '$lib/domain/qa';
import * as schema from '$lib/domain/qa.schema';
import { parse, uuid } from '$lib/domain/validate';
import { z } from 'zod';
import { requireOrganiser, type Actor } from '../access/access.service';
import type { Ctx } from '../context';
import type { Queryable } from '../db/driver';
import { requireDistinct, type Receipt } from '../db/writeQueue';
import * as eventsRepo from '../events/events.repository';
import { findSessionWithEvent, requireSessionOf } from '../events/events.service';
import * as profanityRepo from '../moderation/profanity.repository';
import { forgetMatcher, matcherFor } from '../moderation/profanityMatcher';
import * as repo from './qa.repository';

/**
 * Q&A use cases. Phones ask and vote; moderators curate. Every write commits before the answer,
 * is logged when a moderator made it, and marks the session's Q&A dirty so the hub sends each
 * role its view (coalesced, at most every tally interval; a highlight goes out at once).
 */

/** A phone asks. The question id comes from the phone, so a retry returns the same question. */
export async function ask(ctx: Ctx, participantId: string, sessionId: string, body: unknown, ip?: string, receipt?: Receipt): Promise<qa.AuthorQuestion> {
	const input = parse(schema.askInput, body);
	const { session, event } = await findSessionWithEvent(ctx, sessionId);
	const existing = await repo.findQuestion(ctx.db, input.id);
	if (existing) {
		if (existing.participantId !== participantId || existing.sessionId !== session.id) throw new DomainError('conflict', 'This question id is taken.');
		return asSeenByAuthor(ctx, existing, event.id);
	}
	if (!session.qa.enabled) throw new DomainError('forbidden', 'Questions are closed for this session.');
	if (input.text.length > session.qa.maxLength) {
		throw new DomainError('invalid_input', `A question has at most ${session.qa.maxLength} characters.`);
	}
	ctx.limits.questions.take(participantId, 'questions');
	if (ip) ctx.limits.questionsPerIp.take(ip, 'questions from this network');
	if (await repo.isBlocked(ctx.db, event.id, participantId)) {
		throw new DomainError('forbidden', 'A moderator has stopped questions from this device for this event.');
	}
	const authorName = qa.authorNameFor(session.qa.identity, input.name);
	const matcher = await matcherFor(ctx.db, event.id, event.languages);
	const flagged = matcher.flagged(input.text) || (authorName !== null && matcher.flagged(authorName));
	const state = qa.initialState(session.qa, flagged);
	await ctx.queue.run((tx) => repo.insertQuestion(tx, { id: input.id, sessionId: session.id, participantId, authorName, text: input.text, state, flagged }), undefined, receipt);
	ctx.hub.qaChanged(session.id, participantId);
	return asSeenByAuthor(ctx, (await repo.findQuestion(ctx.db, input.id))!, event.id);
}

/** Sets a phone's vote on a public question. Safe to retry: it sets, it does not toggle. */
export async function vote(
	ctx: Ctx,
	participantId: string,
	questionId: unknown,
	body: unknown,
	ip?: string,
	receipt?: Receipt
): Promise<{ questionId: string; value: -1 | 0 | 1 }> {
	const id = parse(uuid, questionId);
	const input = parse(schema.questionVoteInput, body);
	ctx.limits.votes.take(participantId, 'votes');
	if (ip) ctx.limits.votesPerIp.take(ip, 'votes from this network');
	// An upvote storm reads nothing per vote: the question's session never changes, and the
	// session's settings come from the views the room was last sent. The write checks the question.
	const sessionId = await ctx.lookups.get(`question:${id}`, async () => (await repo.findQuestion(ctx.db, id))?.sessionId ?? null);
	if (!sessionId) throw new DomainError('not_found', 'No such question.');
	if (input.value === -1 && !(await ctx.views.qa(sessionId))?.moderator.settings.downvotes) {
		throw new DomainError('invalid_input', 'Downvotes are off in this session.');
	}
	await ctx.queue.runShared('question-vote', { questionId: id, participantId, value: input.value }, writeVotes, undefined, receipt);
	ctx.hub.qaChanged(sessionId);
	return { questionId: id, value: input.value };
}

/** The votes of one commit in one statement, once their questions are locked and known to be public. */
async function writeVotes(tx: Queryable, writes: repo.QuestionVoteWrite[]): Promise<void[]> {
	requireDistinct(writes, (w) => `${w.questionId}:${w.participantId}`);
	const open = await repo.lockForVotes(tx, [...new Set(writes.map((w) => w.questionId))]);
	if (writes.some((w) => !open.get(w.questionId))) throw new DomainError('not_found', 'No such question.');
	await repo.setVotes(tx, writes);
	return writes.map(() => undefined);
}

/** Similar questions to offer while a phone types (public ones only). */
export async function suggest(ctx: Ctx, sessionId: string, text: unknown) {
	const t = parse(z.string().trim().min(8).max(qa.QUESTION_MAX_LIMIT), text);
	await findSessionWithEvent(ctx, sessionId);
	return (await repo.similar(ctx.db, sessionId, t, { includeHidden: false })).map(({ id, text, upvotes }) => ({ id, text, upvotes }));
}

async function questionOf(ctx: Ctx, actor: Actor, questionId: unknown) {
	const id = parse(uuid, questionId);
	const q = await repo.findQuestion(ctx.db, id);
	if (!q) throw new DomainError('not_found', 'No such question.');
	const session = await requireSessionOf(ctx, actor, q.sessionId);
	return { q, session };
}

async function log(tx: Queryable, actor: Actor, sessionId: string, action: string, details: unknown) {
	await eventsRepo.logAction(tx, { eventId: actor.grant.eventId, sessionId, actorGrantId: actor.grant.id, action, details });
}

/** One moderation action on one question, logged with the text before and after. */
export async function moderateQuestion(ctx: Ctx, actor: Actor, questionId: unknown, body: unknown): Promise<qa.Question> {
	const { q, session } = await questionOf(ctx, actor, questionId);
	const input = parse(schema.moderationInput, body);
	let urgent = false;
	await ctx.db.transaction(async (tx) => {
		// A merge touches two questions: lock both in id order, so two opposite merges cannot deadlock.
		if (input.action === 'merge') for (const id of [q.id, input.into].sort()) await tx.query('select 1 from questions where id = $1 for update', [id]);
		const cur = (await repo.lockQuestion(tx, q.id))!;
		const entry = { questionId: q.id, text: cur.text } as Record<string, unknown>;
		switch (input.action) {
			case 'approve':
			case 'reject':
			case 'answer':
			case 'archive':
			case 'reopen': {
				const next = qa.moderate(cur, input.action);
				await repo.setState(tx, q.id, next);
				Object.assign(entry, { from: cur.state, to: next });
				urgent = cur.highlighted;
				break;
			}
			case 'edit':
				await repo.editText(tx, q.id, input.text);
				Object.assign(entry, { before: cur.text, after: input.text });
				urgent = cur.highlighted;
				break;
			case 'highlight':
				if (input.on && !qa.isPublic(cur)) throw new DomainError('conflict', 'Approve the question before highlighting it.');
				await repo.lockSession(tx, q.sessionId);
				await repo.setHighlight(tx, q.sessionId, q.id, input.on);
				Object.assign(entry, { on: input.on });
				urgent = true;
				break;
			case 'star':
				await repo.lockSession(tx, q.sessionId);
				await repo.setStar(tx, q.sessionId, q.id, input.on);
				Object.assign(entry, { on: input.on });
				break;
			case 'labels':
				await repo.setLabels(tx, q.id, input.labelIds);
				Object.assign(entry, { labelIds: input.labelIds });
				break;
			case 'merge': {
				if (input.into === q.id) throw new DomainError('invalid_input', 'A question cannot be merged into itself.');
				const target = await repo.lockQuestion(tx, input.into);
				if (!target || target.sessionId !== q.sessionId || target.mergedInto) {
					throw new DomainError('not_found', 'The question to merge into is not in this session.');
				}
				if (cur.mergedInto) throw new DomainError('conflict', 'This question was already merged.');
				await repo.merge(tx, q.id, target.id);
				Object.assign(entry, { into: target.id, intoText: target.text });
				urgent = cur.highlighted;
				break;
			}
			case 'block':
				await repo.block(tx, session.eventId, cur.participantId, actor.grant.id);
				await repo.setState(tx, q.id, 'rejected');
				Object.assign(entry, { from: cur.state, to: 'rejected' });
				urgent = cur.highlighted;
				break;
		}
		await log(tx, actor, q.sessionId, `question.${input.action}`, entry);
	});
	ctx.hub.qaChanged(q.sessionId, q.participantId, urgent);
	if (input.action === 'merge') {
		// The kept question's author and every voter whose vote moved get their own lists again.
		ctx.hub.qaChanged(q.sessionId, (await repo.findQuestion(ctx.db, input.into))?.participantId);
		for (const voter of await repo.voters(ctx.db, input.into)) ctx.hub.qaChanged(q.sessionId, voter);
	}
	return (await repo.findQuestion(ctx.db, q.id))!;
}

export async function reorderStars(ctx: Ctx, actor: Actor, sessionId: string, body: unknown): Promise<void> {
	await requireSessionOf(ctx, actor, sessionId);
	const ids = parse(z.array(uuid).max(500), body);
	await ctx.db.transaction(async (tx) => {
		await repo.lockSession(tx, sessionId);
		await repo.reorderStars(tx, sessionId, ids);
		await log(tx, actor, sessionId, 'question.stars', { ids });
	});
	ctx.hub.qaChanged(sessionId);
}

export async function updateSettings(ctx: Ctx, actor: Actor, sessionId: string, body: unknown): Promise<qa.QaSettings> {
	await requireSessionOf(ctx, actor, sessionId);
	const input = parse(schema.qaSettingsInput, body);
	await ctx.db.transaction(async (tx) => {
		await repo.updateSettings(tx, sessionId, input);
		await log(tx, actor, sessionId, 'qa.settings', input);
	});
	ctx.hub.qaChanged(sessionId); // first: votes check the downvote setting in the Q&A views
	await ctx.hub.sessionChanged(sessionId);
	return input;
}

export async function saveLabel(ctx: Ctx, actor: Actor, sessionId: string, body: unknown): Promise<qa.Label[]> {
	const session = await requireSessionOf(ctx, actor, sessionId);
	const input = parse(schema.labelInput, body);
	await ctx.db.transaction(async (tx) => {
		// Lock the event row: two moderators adding the 20th label at once must not make 21.
		await tx.query('select 1 from events where id = $1 for update', [session.eventId]);
		const labels = await repo.listLabels(tx, session.eventId);
		if (labels.some((l) => l.id === input.id)) {
			// Labels belong to the event: renaming one changes it in every session.
			requireOrganiser(actor, session.eventId);
			await repo.updateLabel(tx, session.eventId, input);
		} else {
			if (labels.length >= qa.LABELS_PER_EVENT) throw new DomainError('conflict', `An event has at most ${qa.LABELS_PER_EVENT} labels.`);
			if (!(await repo.insertLabel(tx, session.eventId, input))) throw new DomainError('conflict', 'A label with this name exists.');
		}
		await log(tx, actor, sessionId, 'label.save', input);
	});
	await refreshEvent(ctx, session.eventId);
	return repo.listLabels(ctx.db, session.eventId);
}

export async function deleteLabel(ctx: Ctx, actor: Actor, sessionId: string, labelId: unknown): Promise<qa.Label[]> {
	const session = await requireSessionOf(ctx, actor, sessionId);
	requireOrganiser(actor, session.eventId); // the label may be in use in other sessions
	const id = parse(uuid, labelId);
	await ctx.db.transaction(async (tx) => {
		await repo.deleteLabel(tx, session.eventId, id);
		await log(tx, actor, sessionId, 'label.delete', { id });
	});
	await refreshEvent(ctx, session.eventId);
	return repo.listLabels(ctx.db, session.eventId);
}

export async function editProfanity(ctx: Ctx, actor: Actor, sessionId: string, body: unknown) {
	const session = await requireSessionOf(ctx, actor, sessionId);
	requireOrganiser(actor, session.eventId); // the lists apply to the whole event
	const input = parse(schema.profanityEditInput, body);
	const term = profanity.normalise(input.term);
	if (!term) throw new DomainError('invalid_input', 'This term has no letters.');
	await ctx.db.transaction(async (tx) => {
		await profanityRepo.setProfanityEdit(tx, session.eventId, input.language, term, input.action);
		await log(tx, actor, sessionId, 'profanity.edit', { ...input, term });
	});
	forgetMatcher(session.eventId);
	return profanityRepo.profanityEdits(ctx.db, session.eventId);
}

export async function profanityEdits(ctx: Ctx, actor: Actor, sessionId: string) {
	const session = await requireSessionOf(ctx, actor, sessionId);
	return profanityRepo.profanityEdits(ctx.db, session.eventId);
}

export async function moderationLog(ctx: Ctx, actor: Actor, sessionId: string) {
	await requireSessionOf(ctx, actor, sessionId);
	return repo.moderationLog(ctx.db, sessionId);
}

/** The moderation log as CSV (RFC 4180, formula-like text defused: see `csv`), for the session's records. */
export async function moderationLogCsv(ctx: Ctx, actor: Actor, sessionId: string): Promise<string> {
	const rows = await moderationLog(ctx, actor, sessionId);
	const text = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
	return csv(
		['time', 'actor', 'action', 'question', 'before', 'after', 'details'],
		rows.map((r) => {
			const d = (r.details ?? {}) as Record<string, unknown>;
			return [r.at, r.actor, r.action, d.questionId, d.before ?? d.from, d.after ?? d.to, d].map(text);
		})
	);
}

async function refreshEvent(ctx: Ctx, eventId: string) {
	for (const s of await eventsRepo.listSessions(ctx.db, eventId)) ctx.hub.qaChanged(s.id);
}

/** A question as its author sees it (an allow-list: no flags, original text, star or private labels). */
async function asSeenByAuthor(ctx: Ctx, q: repo.QuestionRecord, eventId: string): Promise<qa.AuthorQuestion> {
	const labels = q.labelIds.length ? await repo.listLabels(ctx.db, eventId) : [];
	return qa.toAuthor(q, new Set(labels.filter((l) => l.public).map((l) => l.id)));
}
