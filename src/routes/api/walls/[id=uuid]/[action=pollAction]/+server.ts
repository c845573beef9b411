import { actorOf, api } from '$lib/server/http';
import * as walls from '$lib/server/wall/wall.service';
import type { RequestHandler } from './$types';

/** open, close, reset, reveal: the activity kernel's lifecycle. */
export const POST: RequestHandler = (event) =>
	api(async (ctx) => {
		const actor = await actorOf(ctx, event);
		const { id, action } = event.params;
		return walls.act(ctx, actor, id, action);
	});
