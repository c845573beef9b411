import { api, readJson } from '$lib/server/http';
import * as walls from '$lib/server/wall/wall.service';
import type { RequestHandler } from './$types';

/** A phone's upvote without a socket. Body: { value: 0 | 1, submissionId }. */
export const POST: RequestHandler = (event) =>
	api(async (ctx) => walls.vote(ctx, event.locals.participantId, event.params.id, await readJson(event.request), event.getClientAddress()));
