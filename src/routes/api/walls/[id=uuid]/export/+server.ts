import { actorOf, api, csvResponse } from '$lib/server/http';
import * as walls from '$lib/server/wall/wall.service';
import type { RequestHandler } from './$types';

/** Moderators: every answer with its state and upvotes, as CSV. */
export const GET: RequestHandler = (event) => api(async (ctx) => csvResponse('wall-answers', await walls.answersCsv(ctx, await actorOf(ctx, event), event.params.id)));
