import { actorOf, api } from '$lib/server/http';
import * as walls from '$lib/server/wall/wall.service';
import type { RequestHandler } from './$types';

/** open, close, reset, reveal: the polls' lifecycle. */
export const POST: RequestHandler = (event) =>
	api(async (ctx) => {
		const actor = await actorOf(ctx, event);
		const { id, action } = event.params;
		return action === 'reveal' ? walls.reveal(ctx, actor, id) : walls.transition(ctx, actor, id, action);
	});
