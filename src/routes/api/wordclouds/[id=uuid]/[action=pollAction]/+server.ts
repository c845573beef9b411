import { actorOf, api } from '$lib/server/http';
import * as clouds from '$lib/server/wordcloud/wordcloud.service';
import type { RequestHandler } from './$types';

/** open, close, reset, reveal: the polls' lifecycle. */
export const POST: RequestHandler = (event) =>
	api(async (ctx) => {
		const actor = await actorOf(ctx, event);
		const { id, action } = event.params;
		return action === 'reveal' ? clouds.reveal(ctx, actor, id) : clouds.transition(ctx, actor, id, action);
	});
