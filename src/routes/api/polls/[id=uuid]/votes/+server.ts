import { api, readJson } from '$lib/server/http';
import { castVote } from '$lib/server/polls/voting.service';
import type { RequestHandler } from './$types';

/** The no-socket fallback for phones, and the scripted way to vote. Body: { choices, submissionId }. */
export const POST: RequestHandler = (event) =>
	api(async (ctx) => castVote(ctx, event.locals.participantId, event.params.id, await readJson(event.request), event.getClientAddress()));
