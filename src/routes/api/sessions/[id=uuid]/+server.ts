import { actorOf, api, readJson } from '$lib/server/http';
import { updateSession } from '$lib/server/events/events.service';
import { snapshot } from '$lib/server/sessions/sessionViews';
import { DomainError } from '$lib/domain/errors';
import type { RequestHandler } from './$types';

/** The audience's view of a session (no-socket fallback): the active poll and what results it may see. */
export const GET: RequestHandler = (event) =>
	api(async (ctx) => {
		ctx.limits.snapshots.take(event.locals.participantId, 'requests');
		const snap = await snapshot(ctx, event.params.id, 'audience', event.locals.participantId);
		if (!snap) throw new DomainError('not_found', 'No such session.');
		return snap;
	});

export const PATCH: RequestHandler = (event) => api(async (ctx) => updateSession(ctx, await actorOf(ctx, event), event.params.id, await readJson(event.request)));
