import { actorOf, api, readJson, splitId } from '$lib/server/http';
import * as polls from '$lib/server/polls/polls.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => api(async (ctx) => polls.list(ctx, await actorOf(ctx, event), event.params.id));

/** Body: the poll, plus an optional client-chosen `id` that makes a retried create harmless. */
export const POST: RequestHandler = (event) =>
	api(async (ctx) => {
		const actor = await actorOf(ctx, event);
		const { id, input } = splitId(await readJson(event.request));
		return polls.create(ctx, actor, event.params.id, id, input);
	}, 201);
