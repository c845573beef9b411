import { actorOf, api, readJson } from '$lib/server/http';
import { setStage } from '$lib/server/activity/activity.service';
import type { RequestHandler } from './$types';

/** Body: { mode: "join" | "qa" | "prompt" | "results", activityId } (the older poll, cloud and wall modes are accepted too). */
export const PUT: RequestHandler = (event) => api(async (ctx) => setStage(ctx, await actorOf(ctx, event), event.params.id, await readJson(event.request)));
