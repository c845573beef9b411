import * as kernel from '$lib/server/activity/activity.service';
import { actorOf, api, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Body: the settings to change, by the kind's own edit rules. */
export const PATCH: RequestHandler = (event) => api(async (ctx) => kernel.update(ctx, await actorOf(ctx, event), event.params.id, await readJson(event.request)));

export const DELETE: RequestHandler = (event) => api(async (ctx) => kernel.remove(ctx, await actorOf(ctx, event), event.params.id));
