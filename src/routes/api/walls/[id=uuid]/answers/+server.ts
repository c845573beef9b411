import { api, readJson } from '$lib/server/http';
import * as walls from '$lib/server/wall/wall.service';
import type { RequestHandler } from './$types';

/** A phone's answer without a socket. Body: { id, text }; a retry with the same id counts once. */
export const POST: RequestHandler = (event) =>
	api(async (ctx) => walls.submit(ctx, event.locals.participantId, event.params.id, await readJson(event.request), event.getClientAddress()), 201);
