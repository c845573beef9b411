import { DomainError } from '$lib/domain/errors';
import { eventInput, eventPatch, sessionInput, sessionPatch, timesValid, type EventInfo } from '$lib/domain/events';
import { randomId } from '$lib/domain/ids';
import * as joinCode from '$lib/domain/joinCode';
import { parse, uuid } from '$lib/domain/validate';
import { createOrganiserGrant, createSessionGrants, requireOrganiser, sessionLinks, type Actor } from '../access/access.service';
import type { Ctx } from '../context';
import * as repo from './events.repository';
import { forgetMatcher } from '../moderation/profanityMatcher';

/** Creates an event with a fresh join code and returns the organiser's secret token (shown once). */
export async function createEvent(ctx: Ctx, body: unknown): Promise<{ event: EventInfo; organiserToken: string }> {
	const input = parse(eventInput, body);
	for (let attempt = 0; attempt < 10; attempt++) {
		const event: EventInfo = { id: randomId(), name: input.name, joinCode: joinCode.generate(), languages: input.languages };
		const token = await ctx.db.transaction(async (tx) => {
			if (!(await repo.insertEvent(tx, event))) return null; // join code taken: draw again
			return createOrganiserGrant(tx, event.id);
		});
		if (token) return { event, organiserToken: token };
	}
	throw new Error('Could not find a free join code after 10 attempts.');
}

export async function updateEvent(ctx: Ctx, actor: Actor, body: unknown): Promise<EventInfo> {
	const eventId = actor.grant.eventId;
	requireOrganiser(actor, eventId);
	const input = parse(eventPatch, body);
	const current = await repo.findEvent(ctx.db, eventId);
	if (!current) throw new DomainError('not_found', 'This event no longer exists.');
	await repo.updateEvent(ctx.db, eventId, input.name ?? current.name, input.languages ?? current.languages);
	ctx.lookups.clear();
	forgetMatcher(eventId); // the profanity lists follow the event's languages
	for (const s of await repo.listSessions(ctx.db, eventId)) void ctx.hub.sessionChanged(s.id);
	return (await repo.findEvent(ctx.db, eventId))!;
}

export async function organiserOverview(ctx: Ctx, actor: Actor) {
	requireOrganiser(actor, actor.grant.eventId);
	const event = await repo.findEvent(ctx.db, actor.grant.eventId);
	if (!event) throw new DomainError('not_found', 'This event no longer exists.');
	const sessions = await repo.listSessions(ctx.db, event.id);
	return {
		event,
		sessions: sessions.map((s) => ({ ...s, ...sessionLinks(actor, s.id) }))
	};
}

export async function createSession(ctx: Ctx, actor: Actor, body: unknown) {
	requireOrganiser(actor, actor.grant.eventId);
	const input = parse(sessionInput, body);
	const id = input.id ?? randomId();
	await ctx.db.transaction(async (tx) => {
		const created = await repo.insertSession(tx, {
			id,
			eventId: actor.grant.eventId,
			title: input.title,
			room: input.room,
			startsAt: input.startsAt?.toISOString() ?? null,
			endsAt: input.endsAt?.toISOString() ?? null,
			position: input.position ?? null
		});
		if (!created) {
			const existing = await repo.findSession(tx, id);
			if (existing?.eventId !== actor.grant.eventId) throw new DomainError('conflict', 'This session id is taken.');
		}
		await createSessionGrants(tx, actor, id);
	});
	ctx.lookups.clear();
	const session = (await repo.findSession(ctx.db, id))!;
	return { ...session, ...sessionLinks(actor, id) };
}

export async function updateSession(ctx: Ctx, actor: Actor, sessionId: string, body: unknown) {
	const current = await requireSessionOf(ctx, actor, sessionId);
	requireOrganiser(actor, current.eventId);
	const input = parse(sessionPatch, body);
	const next = {
		...current,
		title: input.title ?? current.title,
		room: input.room ?? current.room,
		startsAt: input.startsAt === undefined ? current.startsAt : (input.startsAt?.toISOString() ?? null),
		endsAt: input.endsAt === undefined ? current.endsAt : (input.endsAt?.toISOString() ?? null),
		position: input.position ?? current.position
	};
	if (!timesValid(next.startsAt, next.endsAt)) {
		throw new DomainError('invalid_input', 'Invalid input: endsAt must not be before startsAt', [{ path: 'endsAt', message: 'must not be before startsAt' }]);
	}
	await repo.updateSession(ctx.db, next);
	ctx.lookups.clear();
	void ctx.hub.sessionChanged(sessionId);
	return (await repo.findSession(ctx.db, sessionId))!;
}

/** The audience's entry: a join code leads to the event and its sessions. */
export async function findByCode(ctx: Ctx, rawCode: string) {
	const code = joinCode.normalise(rawCode);
	if (!joinCode.isValid(code)) throw new DomainError('invalid_input', 'A join code has six letters or digits.');
	const found = await ctx.lookups.get(code, async () => {
		const event = await repo.findEventByCode(ctx.db, code);
		return event ? { event, sessions: await repo.listSessions(ctx.db, event.id) } : null;
	});
	if (!found) throw new DomainError('not_found', 'No event has this code.');
	return found;
}

export async function findSessionWithEvent(ctx: Ctx, sessionId: string) {
	if (!uuid.safeParse(sessionId).success) throw new DomainError('not_found', 'No such session.');
	const session = await repo.findSession(ctx.db, sessionId);
	if (!session) throw new DomainError('not_found', 'No such session.');
	const event = (await repo.findEvent(ctx.db, session.eventId))!;
	return { session, event };
}

/** Loads a session and checks that the actor's grant covers it. Unknown or foreign sessions are both 403/404. */
export async function requireSessionOf(ctx: Ctx, actor: Actor, sessionId: string, roles: Actor['grant']['role'][] = ['moderator']) {
	const { session } = await findSessionWithEvent(ctx, sessionId);
	const g = actor.grant;
	const allowed = g.role === 'organiser' ? g.eventId === session.eventId : roles.includes(g.role) && g.sessionId === sessionId;
	if (!allowed) throw new DomainError('forbidden', 'This access link does not cover this session.');
	return session;
}
