import { actorOf, api, readJson } from '$lib/server/http';
import * as polls from '$lib/server/polls/polls.service';
import type { RequestHandler } from './$types';

/** Body: { mode: "join" | "question" | "results", pollId }. */
export const PUT: RequestHandler = (event) => api(async (ctx) => polls.setStage(ctx, await actorOf(ctx, event), event.params.id, await readJson(event.request)));
