import { actorOf, api, csvResponse } from '$lib/server/http';
import * as clouds from '$lib/server/wordcloud/wordcloud.service';
import type { RequestHandler } from './$types';

/** Moderators: every entry with its normalised group, as CSV. */
export const GET: RequestHandler = (event) =>
	api(async (ctx) => {
		const { cloud, body } = await clouds.entriesCsv(ctx, await actorOf(ctx, event), event.params.id);
		return csvResponse(`wordcloud-${cloud.prompt}`, body);
	});
