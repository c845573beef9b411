import { actorOf, api, readJson } from '$lib/server/http';
import { createSession } from '$lib/server/events/events.service';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) => api(async (ctx) => createSession(ctx, await actorOf(ctx, event), await readJson(event.request)), 201);
