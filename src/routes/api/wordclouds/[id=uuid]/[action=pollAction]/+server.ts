import { actorOf, api } from '$lib/server/http';
import * as clouds from '$lib/server/wordcloud/wordcloud.service';
import type { RequestHandler } from './$types';

/** open, close, reset, reveal: the activity kernel's lifecycle. */
export const POST: RequestHandler = (event) =>
	api(async (ctx) => {
		const actor = await actorOf(ctx, event);
		const { id, action } = event.params;
		return clouds.act(ctx, actor, id, action);
	});
