import { actorOf, api, readJson } from '$lib/server/http';
import * as walls from '$lib/server/wall/wall.service';
import type { RequestHandler } from './$types';

/** Moderators: body { state: 'approved' | 'hidden' | 'pending' }. */
export const POST: RequestHandler = (event) => api(async (ctx) => walls.moderate(ctx, await actorOf(ctx, event), event.params.id, await readJson(event.request)));
