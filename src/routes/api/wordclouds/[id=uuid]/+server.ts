import { actorOf, api, readJson } from '$lib/server/http';
import * as clouds from '$lib/server/wordcloud/wordcloud.service';
import type { RequestHandler } from './$types';

/** Body: the settings to change (the prompt at any time; limits, grouping and visibility only in draft). */
export const PATCH: RequestHandler = (event) => api(async (ctx) => clouds.update(ctx, await actorOf(ctx, event), event.params.id, await readJson(event.request)));

/** Deletes the word cloud with its entries; logged. */
export const DELETE: RequestHandler = (event) => api(async (ctx) => clouds.remove(ctx, await actorOf(ctx, event), event.params.id));
