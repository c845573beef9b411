import { actorOf, api, readJson } from '$lib/server/http';
import * as polls from '$lib/server/polls/polls.service';
import type { RequestHandler } from './$types';

/** Body: the poll ids in their new order. */
export const PUT: RequestHandler = (event) => api(async (ctx) => polls.reorder(ctx, await actorOf(ctx, event), event.params.id, await readJson(event.request)));
