import { actorOf, api } from '$lib/server/http';
import { duplicatesOf } from '$lib/server/qa/duplicates';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => api(async (ctx) => duplicatesOf(ctx, await actorOf(ctx, event), event.params.id));
