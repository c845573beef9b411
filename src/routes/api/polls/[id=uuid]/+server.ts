import { actorOf, api, readJson } from '$lib/server/http';
import * as polls from '$lib/server/polls/polls.service';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = (event) => api(async (ctx) => polls.update(ctx, await actorOf(ctx, event), event.params.id, await readJson(event.request)));

export const DELETE: RequestHandler = (event) => api(async (ctx) => polls.remove(ctx, await actorOf(ctx, event), event.params.id));
