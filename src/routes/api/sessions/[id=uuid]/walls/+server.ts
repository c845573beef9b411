import { actorOf, api, readJson, splitId } from '$lib/server/http';
import * as walls from '$lib/server/wall/wall.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => api(async (ctx) => walls.list(ctx, await actorOf(ctx, event), event.params.id));

/** Body: the wall's settings, plus an optional client-chosen `id` that makes a retried create harmless. */
export const POST: RequestHandler = (event) =>
	api(async (ctx) => {
		const actor = await actorOf(ctx, event);
		const { id, input } = splitId(await readJson(event.request));
		return walls.create(ctx, actor, event.params.id, id, input);
	}, 201);
