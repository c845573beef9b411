import { DomainError } from '$lib/domain/errors';
import * as kernel from '$lib/server/activity/activity.service';
import { actorOf, api, readJson, splitId } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Every activity of the session, of every kind, in order. */
export const GET: RequestHandler = (event) => api(async (ctx) => kernel.list(ctx, await actorOf(ctx, event), event.params.id));

/** Body: `{ kind, id?, …settings }`: the kind's own create, with an optional client-chosen id. */
export const POST: RequestHandler = (event) =>
	api(async (ctx) => {
		const actor = await actorOf(ctx, event);
		const { id, input } = splitId(await readJson(event.request));
		const { kind, ...settings } = (input ?? {}) as { kind?: unknown };
		if (typeof kind !== 'string') throw new DomainError('invalid_input', 'kind: say which kind of activity to create');
		return kernel.create(ctx, actor, kind, event.params.id, id, settings);
	}, 201);
