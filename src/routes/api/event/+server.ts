import { actorOf, api, readJson } from '$lib/server/http';
import { organiserOverview, updateEvent } from '$lib/server/events/events.service';
import type { RequestHandler } from './$types';

/** The event of the organiser token in the Authorization header. */
export const GET: RequestHandler = (event) => api(async (ctx) => organiserOverview(ctx, await actorOf(ctx, event)));

export const PATCH: RequestHandler = (event) => api(async (ctx) => updateEvent(ctx, await actorOf(ctx, event), await readJson(event.request)));
