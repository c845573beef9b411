import { act } from '$lib/server/activity/activity.service';
import { api, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** A phone's action on an activity (the socket's `act`, for networks without one). Body: the action's input. */
export const POST: RequestHandler = (event) =>
	api(async (ctx) => act(ctx, event.locals.participantId, event.params.id, event.params.action, await readJson(event.request), event.getClientAddress()));
