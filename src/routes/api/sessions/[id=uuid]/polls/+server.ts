import { actorOf, api, readJson } from '$lib/server/http';
import * as polls from '$lib/server/polls/polls.service';
import { randomId } from '$lib/domain/ids';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => api(async (ctx) => polls.list(ctx, await actorOf(ctx, event), event.params.id));

/** Body: the poll, plus an optional client-chosen `id` that makes a retried create harmless. */
export const POST: RequestHandler = (event) =>
	api(async (ctx) => {
		const actor = await actorOf(ctx, event);
		const body = await readJson(event.request);
		const { id, ...input } = (body && typeof body === 'object' ? body : {}) as { id?: unknown };
		return polls.create(ctx, actor, event.params.id, id ?? randomId(), body && typeof body === 'object' ? input : body);
	}, 201);
