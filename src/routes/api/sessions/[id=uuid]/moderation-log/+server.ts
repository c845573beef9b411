import { actorOf, api, csvResponse } from '$lib/server/http';
import { moderationLog, moderationLogCsv } from '$lib/server/qa/qa.service';
import type { RequestHandler } from './$types';

/** The session's moderation log: JSON, or CSV with ?format=csv. */
export const GET: RequestHandler = async (event) => {
	if (event.url.searchParams.get('format') !== 'csv') {
		return api(async (ctx) => moderationLog(ctx, await actorOf(ctx, event), event.params.id));
	}
	let csv = '';
	const res = await api(async (ctx) => {
		csv = await moderationLogCsv(ctx, await actorOf(ctx, event), event.params.id);
		return undefined;
	});
	if (res.status !== 204) return res;
	return csvResponse(`moderation-log-${event.params.id}`, csv);
};
