import { actorOf, api, readJson } from '$lib/server/http';
import * as clouds from '$lib/server/wordcloud/wordcloud.service';
import type { RequestHandler } from './$types';

/** Moderators: the groups shown and hidden. */
export const GET: RequestHandler = (event) => api(async (ctx) => clouds.moderatorGroups(ctx, await actorOf(ctx, event), event.params.id));

/** Body: { action: 'hide' | 'show', key } or { action: 'merge', key, into }. */
export const POST: RequestHandler = (event) => api(async (ctx) => clouds.groupAction(ctx, await actorOf(ctx, event), event.params.id, await readJson(event.request)));
