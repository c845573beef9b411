import { actorOf, api, readJson } from '$lib/server/http';
import { reorderStars } from '$lib/server/qa/qa.service';
import type { RequestHandler } from './$types';

/** Body: the starred question ids in their new order. */
export const PUT: RequestHandler = (event) => api(async (ctx) => reorderStars(ctx, await actorOf(ctx, event), event.params.id, await readJson(event.request)));
