import { actorOf, api, readJson, splitId } from '$lib/server/http';
import * as walls from '$lib/server/wall/wall.service';
import { requireSessionOf } from '$lib/server/events/events.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	api(async (ctx) => {
		await requireSessionOf(ctx, await actorOf(ctx, event), event.params.id);
		return walls.list(ctx.db, event.params.id);
	});

/** Body: the wall's settings, plus an optional client-chosen `id` that makes a retried create harmless. */
export const POST: RequestHandler = (event) =>
	api(async (ctx) => {
		const actor = await actorOf(ctx, event);
		const { id, input } = splitId(await readJson(event.request));
		return walls.create(ctx, actor, event.params.id, id, input);
	}, 201);
