import { actorOf, api, readJson } from '$lib/server/http';
import * as walls from '$lib/server/wall/wall.service';
import type { RequestHandler } from './$types';

/** Body: the settings to change (sort, moderation and upvotes at any time; limits and visibility only in draft). */
export const PATCH: RequestHandler = (event) => api(async (ctx) => walls.update(ctx, await actorOf(ctx, event), event.params.id, await readJson(event.request)));

/** Deletes the wall with its answers and upvotes; logged. */
export const DELETE: RequestHandler = (event) => api(async (ctx) => walls.remove(ctx, await actorOf(ctx, event), event.params.id));
