import { api, readJson } from '$lib/server/http';
import * as clouds from '$lib/server/wordcloud/wordcloud.service';
import type { RequestHandler } from './$types';

/** A phone's entry without a socket. Body: { id, text, language? }; a retry with the same id counts once. */
export const POST: RequestHandler = (event) =>
	api(async (ctx) => clouds.submit(ctx, event.locals.participantId, event.params.id, await readJson(event.request), event.getClientAddress()), 201);
