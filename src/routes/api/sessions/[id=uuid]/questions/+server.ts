import { actorOf, api, readJson } from '$lib/server/http';
import { requireSessionOf } from '$lib/server/events/events.service';
import { ask } from '$lib/server/qa/qa.service';
import { buildMine, buildQaViews } from '$lib/server/qa/qaViews';
import { DomainError } from '$lib/domain/errors';
import type { RequestHandler } from './$types';

/** Phones: the public questions and their own. With a moderator token: every question. */
export const GET: RequestHandler = (event) =>
	api(async (ctx) => {
		const bearer = /^Bearer\s/i.test(event.request.headers.get('authorization') ?? '');
		if (bearer) await requireSessionOf(ctx, await actorOf(ctx, event), event.params.id);
		else ctx.limits.snapshots.take(event.locals.participantId, 'requests');
		const views = await buildQaViews(ctx.db, event.params.id);
		if (!views) throw new DomainError('not_found', 'No such session.');
		if (bearer) return views.moderator;
		return { ...views.audience, mine: await buildMine(ctx.db, event.params.id, event.locals.participantId) };
	});

/** Body: { id (UUID chosen by the caller), text, name? }. */
export const POST: RequestHandler = (event) =>
	api(async (ctx) => ask(ctx, event.locals.participantId, event.params.id, await readJson(event.request), event.getClientAddress()), 201);
