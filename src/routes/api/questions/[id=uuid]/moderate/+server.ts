import { actorOf, api, readJson } from '$lib/server/http';
import { moderateQuestion } from '$lib/server/qa/qa.service';
import type { RequestHandler } from './$types';

/** Body: { action: approve | reject | answer | archive | reopen | edit | highlight | star | labels | merge | block, … }. */
export const POST: RequestHandler = (event) => api(async (ctx) => moderateQuestion(ctx, await actorOf(ctx, event), event.params.id, await readJson(event.request)));
