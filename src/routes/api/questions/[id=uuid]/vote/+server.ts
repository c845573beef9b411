import { api, readJson } from '$lib/server/http';
import { vote } from '$lib/server/qa/qa.service';
import type { RequestHandler } from './$types';

/** Body: { value: 1 | 0 | -1, submissionId }. Sets the caller's vote; repeating it changes nothing. */
export const PUT: RequestHandler = (event) => api(async (ctx) => vote(ctx, event.locals.participantId, event.params.id, await readJson(event.request), event.getClientAddress()));
