import { actorOf, api, readJson } from '$lib/server/http';
import { updateSettings } from '$lib/server/qa/qa.service';
import type { RequestHandler } from './$types';

/** Body: { enabled, premoderation, identity, downvotes, maxLength }. */
export const PUT: RequestHandler = (event) => api(async (ctx) => updateSettings(ctx, await actorOf(ctx, event), event.params.id, await readJson(event.request)));
