import { actorOf, api } from '$lib/server/http';
import { results } from '$lib/server/polls/results.service';
import type { RequestHandler } from './$types';

/** With a moderator token: always the counts. Without: only what the caller's phone may see. */
export const GET: RequestHandler = (event) =>
	api(async (ctx) => {
		const bearer = /^Bearer\s/i.test(event.request.headers.get('authorization') ?? '');
		const actor = bearer ? await actorOf(ctx, event) : null;
		return results(ctx, event.params.id, actor, event.locals.participantId);
	});
