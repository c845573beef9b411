import { exportCsv } from '$lib/server/activity/activity.service';
import { actorOf, api, csvResponse } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Any activity's responses as CSV (UTF-8, every field quoted, formula-like text defused). */
export const GET: RequestHandler = (event) =>
	api(async (ctx) => {
		const { name, body } = await exportCsv(ctx, await actorOf(ctx, event), event.params.id);
		return csvResponse(name, body);
	});
