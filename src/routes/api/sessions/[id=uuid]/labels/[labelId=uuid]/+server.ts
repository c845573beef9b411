import { actorOf, api } from '$lib/server/http';
import { deleteLabel } from '$lib/server/qa/qa.service';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = (event) => api(async (ctx) => deleteLabel(ctx, await actorOf(ctx, event), event.params.id, event.params.labelId));
