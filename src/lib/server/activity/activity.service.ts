import type { Activity, Transition } from '$lib/domain/activity';
import { csv } from '$lib/domain/csv';
import { transition as nextState } from '$lib/domain/activity';
import { DomainError } from '$lib/domain/errors';
import { stageInput, stageShows, type StageState } from '$lib/domain/stage';
import { parse, uuid } from '$lib/domain/validate';
import { z } from 'zod';
import type { Actor } from '../access/access.service';
import type { Ctx } from '../context';
import type { Queryable } from '../db/driver';
import type { Receipt } from '../db/writeQueue';
import * as eventsRepo from '../events/events.repository';
import { requireSessionOf } from '../events/events.service';
import * as repo from './activity.repository';
import type { AnyModule } from './module';
import { moduleOf, modules } from './registry';

/**
 * The kernel's moderator use cases, the same for every kind: create, edit, delete, reorder, open,
 * close, reset, reveal and the stage. One locking policy: each decision is taken on the activity
 * row locked for update (responses hold a share lock on it, see the triggers), and the log entry
 * is written in the same transaction. After the commit the module says what became stale and the
 * session's views go out again.
 */

/** A malformed id names nothing: the same 404 as an unknown one. `kind`, when given, must match. */
async function activityOf(ctx: Ctx, actor: Actor, rawId: unknown, kind?: string): Promise<{ m: AnyModule; activity: Activity }> {
	const id = uuid.safeParse(rawId);
	const activity = id.success ? await repo.findActivity(ctx.db, id.data) : null;
	const noun = kind ? moduleOf(kind).noun : 'activity';
	if (!activity || (kind && activity.kind !== kind)) throw new DomainError('not_found', `No such ${noun}.`);
	await requireSessionOf(ctx, actor, activity.sessionId);
	return { m: moduleOf(activity.kind), activity };
}

async function log(tx: Queryable, actor: Actor, sessionId: string, action: string, details: unknown) {
	await eventsRepo.logAction(tx, { eventId: actor.grant.eventId, sessionId, actorGrantId: actor.grant.id, action, details });
}

async function lockedIn(tx: Queryable, m: AnyModule, id: string) {
	const locked = await repo.findActivity(tx, id, true);
	if (!locked) throw new DomainError('not_found', `No such ${m.noun}.`); // deleted meanwhile
	return locked;
}

type How = 'set-up' | 'lifecycle' | 'reset' | 'deleted';

/** After the commit: the module forgets what it cached, the hub sends the results and the session's views. */
async function afterCommit(ctx: Ctx, m: AnyModule, a: Pick<Activity, 'id' | 'sessionId'>, how: How) {
	m.changed?.(ctx, a.id, how);
	if (how === 'deleted') ctx.lookups.forget(`activity:${a.id}`);
	if (how === 'reset') ctx.hub.activityReset(m.kind, a.id);
	else if (how !== 'deleted') ctx.hub.activityChanged(m.kind, a.id);
	await ctx.hub.sessionChanged(a.sessionId);
}

async function reread(ctx: Ctx, m: AnyModule, id: string) {
	return (await m.find(ctx.db, id))!;
}

/** The id comes from the client: repeating a create is harmless; an id taken elsewhere is a conflict. */
export async function create(ctx: Ctx, actor: Actor, kind: string, sessionId: string, rawId: unknown, body: unknown) {
	const m = moduleOf(kind);
	await requireSessionOf(ctx, actor, sessionId);
	const id = parse(uuid, rawId);
	const { visibility, settings } = m.define(body);
	await ctx.db.transaction(async (tx) => {
		const activity: Activity = { id, sessionId, kind, visibility, state: 'draft', revealed: false, position: 0 };
		if (!(await repo.insertActivity(tx, activity))) return;
		await m.insert(tx, activity, settings);
		await log(tx, actor, sessionId, `${kind}.create`, { activityId: id, title: m.title({ ...activity, ...settings }) });
	});
	const stored = await repo.findActivity(ctx.db, id);
	if (!stored || stored.sessionId !== sessionId || stored.kind !== kind) throw new DomainError('conflict', `This ${m.noun} id is taken.`);
	await afterCommit(ctx, m, stored, 'set-up');
	return reread(ctx, m, id);
}

export async function update(ctx: Ctx, actor: Actor, rawId: unknown, body: unknown, kind?: string) {
	const { m, activity } = await activityOf(ctx, actor, rawId, kind);
	if (!m.edit) throw new DomainError('conflict', `A ${m.noun} cannot be edited.`);
	await ctx.db.transaction(async (tx) => {
		await lockedIn(tx, m, activity.id);
		const before = (await m.find(tx, activity.id))!;
		const { visibility } = await m.edit!(tx, before, body);
		await repo.setVisibility(tx, activity.id, visibility);
		const after = (await m.find(tx, activity.id))!;
		await log(tx, actor, activity.sessionId, `${m.kind}.update`, { activityId: activity.id, before: m.title(before), after: m.title(after) });
	});
	await afterCommit(ctx, m, activity, 'set-up');
	return reread(ctx, m, activity.id);
}

export async function remove(ctx: Ctx, actor: Actor, rawId: unknown, kind?: string): Promise<void> {
	const { m, activity } = await activityOf(ctx, actor, rawId, kind);
	await ctx.db.transaction(async (tx) => {
		const locked = await lockedIn(tx, m, activity.id);
		const full = (await m.find(tx, activity.id))!;
		// Shown on stage: the stage goes back to the join screen rather than to nothing.
		const session = await eventsRepo.findSession(tx, activity.sessionId);
		if (session?.stage.activityId === activity.id) await eventsRepo.setStage(tx, activity.sessionId, { mode: 'join', activityId: null });
		await repo.deleteActivity(tx, activity.id);
		await log(tx, actor, activity.sessionId, `${m.kind}.delete`, { activityId: activity.id, title: m.title(full), state: locked.state });
	});
	await afterCommit(ctx, m, activity, 'deleted');
}

/**
 * Puts the given activities in this order. They keep the places they held among the session's
 * activities (a poll list reordered leaves the clouds and walls where they were).
 */
export async function reorder(ctx: Ctx, actor: Actor, sessionId: string, body: unknown, kind?: string) {
	await requireSessionOf(ctx, actor, sessionId);
	const ids = [...new Set(parse(z.array(uuid).max(500), body))];
	await ctx.db.transaction(async (tx) => {
		const all = await repo.listActivities(tx, sessionId);
		const moved = ids.filter((id) => all.some((a) => a.id === id && (!kind || a.kind === kind)));
		const slots = new Set(moved);
		let next = 0;
		const order = all.map((a) => (slots.has(a.id) ? moved[next++] : a.id));
		await repo.setPositions(tx, sessionId, order);
		await log(tx, actor, sessionId, `${kind ?? 'activity'}.reorder`, { ids });
	});
	await ctx.hub.sessionChanged(sessionId);
	return list(ctx, actor, sessionId, kind);
}

export async function list(ctx: Ctx, actor: Actor, sessionId: string, kind?: string) {
	await requireSessionOf(ctx, actor, sessionId);
	if (kind) return moduleOf(kind).list(ctx.db, sessionId);
	const all = (await Promise.all(modules.map((m) => m.list(ctx.db, sessionId)))).flat();
	return all.sort((a, b) => a.position - b.position);
}

/** open, close and reset (deletes the responses and un-reveals). Opening makes it the one phones see. */
export async function transition(ctx: Ctx, actor: Actor, rawId: unknown, action: Transition, kind?: string) {
	const { m, activity } = await activityOf(ctx, actor, rawId, kind);
	await ctx.db.transaction(async (tx) => {
		const locked = await lockedIn(tx, m, activity.id);
		const next = nextState(locked.state, action);
		await repo.setState(tx, activity.id, next);
		if (action === 'reset') {
			await m.clear(tx, activity.id);
			await repo.setRevealed(tx, activity.id, false);
		}
		if (action === 'open') await eventsRepo.setActiveActivity(tx, activity.sessionId, activity.id);
		await log(tx, actor, activity.sessionId, `${m.kind}.${action}`, { activityId: activity.id, from: locked.state, to: next });
	});
	await afterCommit(ctx, m, activity, action === 'reset' ? 'reset' : 'lifecycle');
	return reread(ctx, m, activity.id);
}

/** Only an activity with hidden results is revealed; the others show results by their rule. */
export async function reveal(ctx: Ctx, actor: Actor, rawId: unknown, kind?: string) {
	const { m, activity } = await activityOf(ctx, actor, rawId, kind);
	await ctx.db.transaction(async (tx) => {
		const locked = await lockedIn(tx, m, activity.id);
		if (locked.visibility !== 'hidden') throw new DomainError('conflict', `Only a ${m.noun} with hidden results can be revealed.`);
		await repo.setRevealed(tx, activity.id, true);
		await log(tx, actor, activity.sessionId, `${m.kind}.reveal`, { activityId: activity.id });
	});
	await afterCommit(ctx, m, activity, 'lifecycle');
	return reread(ctx, m, activity.id);
}

/** What the stage shows: the join screen, Q&A, or an activity of this session (its prompt or its results). */
export async function setStage(ctx: Ctx, actor: Actor, sessionId: string, body: unknown): Promise<StageState> {
	await requireSessionOf(ctx, actor, sessionId);
	const stage = stageShows(parse(stageInput, body));
	const shown = stage.activityId ? await repo.findActivity(ctx.db, stage.activityId) : null;
	if (stage.activityId && shown?.sessionId !== sessionId) throw new DomainError('not_found', 'No such activity in this session.');
	await ctx.db.transaction(async (tx) => {
		await eventsRepo.setStage(tx, sessionId, stage);
		await log(tx, actor, sessionId, 'stage.set', stage);
	});
	await ctx.hub.sessionChanged(sessionId);
	if (shown) ctx.hub.activityChanged(shown.kind, shown.id); // the stage's snapshot of it may be a tick old
	return stage;
}

/** An activity's responses as CSV, for the organiser's spreadsheet (moderators of its session). */
export async function exportCsv(ctx: Ctx, actor: Actor, rawId: unknown): Promise<{ name: string; body: string }> {
	const { m, activity } = await activityOf(ctx, actor, rawId);
	if (!m.exportRows) throw new DomainError('not_found', `A ${m.noun} has no export.`);
	const full = await m.find(ctx.db, activity.id);
	if (!full) throw new DomainError('not_found', `No such ${m.noun}.`);
	const { header, rows } = await m.exportRows(ctx.db, full);
	return { name: `${m.kind}-${activity.id.slice(0, 8)}`, body: csv(header, rows) };
}

/**
 * A phone acts on the activity it sees (rates, answers…): the kernel checks the activity is open,
 * the phone's and its network's budgets and the input, then hands it to the module's action. The
 * activity comes from the views the room was last sent (a burst reads nothing per action); the
 * module's SQL has the last word on the state.
 */
export async function act(ctx: Ctx, participantId: string, rawId: unknown, action: unknown, body: unknown, ip?: string, receipt?: Receipt) {
	const id = uuid.safeParse(rawId);
	// Which session an activity is in never changes: a hall's burst looks it up once.
	const key = `activity:${id.data}`;
	const where = id.success ? await ctx.lookups.get(key, () => repo.findActivity(ctx.db, id.data!)) : null;
	if (id.success && !where) ctx.lookups.forget(key); // it may be created a moment later
	const views = where ? await ctx.views.views(where.sessionId) : null;
	const activity = views?.all.find((a) => a.id === where!.id);
	if (!activity) throw new DomainError('not_found', 'No such activity.');
	const m = moduleOf(activity.kind);
	const def = typeof action === 'string' && Object.hasOwn(m.actions ?? {}, action) ? m.actions![action] : null;
	if (!def) throw new DomainError('not_found', `A ${m.noun} has no such action.`);
	if (def.limit) {
		ctx.limits[def.limit].take(participantId, 'actions');
		if (ip) ctx.limits.votesPerIp.take(ip, 'actions from this network');
	}
	const input = parse(def.input, body);
	if (activity.state !== 'open') {
		// A retry of an action stored just before the close still gets its first result.
		const first = def.replay ? await def.replay(ctx, participantId, activity, input as never) : null;
		if (first) return first;
		throw new DomainError('poll_not_open', `This ${m.noun} is not open.`);
	}
	const result = await def.run(ctx, participantId, activity, input as never, receipt);
	ctx.hub.activityChanged(m.kind, activity.id);
	ctx.hub.voted(participantId, activity.id); // after-answer visibility
	return result;
}

/** The lifecycle routes' and commands' one entry: open, close, reset or reveal. */
export function lifecycle(ctx: Ctx, actor: Actor, id: unknown, action: Transition | 'reveal', kind?: string) {
	return action === 'reveal' ? reveal(ctx, actor, id, kind) : transition(ctx, actor, id, action, kind);
}

/**
 * A format's own API (`/api/polls`, `/api/wordclouds`, `/api/walls`, their socket commands): the
 * kernel's use cases held to one kind, so a poll id never acts on a wall and an unknown id says
 * "No such poll.".
 */
export function useCasesOf<R>(kind: string) {
	return {
		list: (ctx: Ctx, actor: Actor, sessionId: string) => list(ctx, actor, sessionId, kind) as Promise<R[]>,
		create: (ctx: Ctx, actor: Actor, sessionId: string, id: unknown, body: unknown) => create(ctx, actor, kind, sessionId, id, body) as Promise<R>,
		update: (ctx: Ctx, actor: Actor, id: unknown, body: unknown) => update(ctx, actor, id, body, kind) as Promise<R>,
		remove: (ctx: Ctx, actor: Actor, id: unknown) => remove(ctx, actor, id, kind),
		reorder: (ctx: Ctx, actor: Actor, sessionId: string, body: unknown) => reorder(ctx, actor, sessionId, body, kind) as Promise<R[]>,
		transition: (ctx: Ctx, actor: Actor, id: unknown, action: Transition) => transition(ctx, actor, id, action, kind) as Promise<R>,
		reveal: (ctx: Ctx, actor: Actor, id: unknown) => reveal(ctx, actor, id, kind) as Promise<R>,
		act: (ctx: Ctx, actor: Actor, id: unknown, action: Transition | 'reveal') => lifecycle(ctx, actor, id, action, kind) as Promise<R>
	};
}
