import { actorOf, api, readJson, splitId } from '$lib/server/http';
import * as clouds from '$lib/server/wordcloud/wordcloud.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => api(async (ctx) => clouds.list(ctx, await actorOf(ctx, event), event.params.id));

/** Body: the word cloud's settings, plus an optional client-chosen `id` that makes a retried create harmless. */
export const POST: RequestHandler = (event) =>
	api(async (ctx) => {
		const actor = await actorOf(ctx, event);
		const { id, input } = splitId(await readJson(event.request));
		return clouds.create(ctx, actor, event.params.id, id, input);
	}, 201);
