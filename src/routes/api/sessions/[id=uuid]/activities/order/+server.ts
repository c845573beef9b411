import { reorder } from '$lib/server/activity/activity.service';
import { actorOf, api, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Body: activity ids of any kinds, in their new order. */
export const PUT: RequestHandler = (event) => api(async (ctx) => reorder(ctx, await actorOf(ctx, event), event.params.id, await readJson(event.request)));
