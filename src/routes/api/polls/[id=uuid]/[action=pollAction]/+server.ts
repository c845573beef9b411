import { actorOf, api } from '$lib/server/http';
import * as polls from '$lib/server/polls/polls.service';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	api(async (ctx) => {
		const actor = await actorOf(ctx, event);
		const { id, action } = event.params;
		return polls.act(ctx, actor, id, action);
	});
