import * as kernel from '$lib/server/activity/activity.service';
import { actorOf, api } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** open, close, reset, reveal: the kernel's lifecycle, for any kind. */
export const POST: RequestHandler = (event) =>
	api(async (ctx) => {
		const actor = await actorOf(ctx, event);
		const { id, action } = event.params;
		return kernel.lifecycle(ctx, actor, id, action);
	});
