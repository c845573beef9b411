import { actorOf, api, readJson } from '$lib/server/http';
import { saveLabel } from '$lib/server/qa/qa.service';
import type { RequestHandler } from './$types';

/** Body: { id, name, public }. Creates or renames a label of the session's event (at most 20). */
export const PUT: RequestHandler = (event) => api(async (ctx) => saveLabel(ctx, await actorOf(ctx, event), event.params.id, await readJson(event.request)));
