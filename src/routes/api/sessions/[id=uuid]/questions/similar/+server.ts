import { api } from '$lib/server/http';
import { suggest } from '$lib/server/qa/qa.service';
import type { RequestHandler } from './$types';

/** ?q=<text being typed>: public questions that look alike, to upvote instead of asking again. */
export const GET: RequestHandler = (event) =>
	api(async (ctx) => {
		ctx.limits.snapshots.take(`similar:${event.locals.participantId}`, 'requests');
		return suggest(ctx, event.params.id, event.url.searchParams.get('q') ?? '');
	});
