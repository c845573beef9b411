import { api, readJson } from '$lib/server/http';
import { createEvent } from '$lib/server/events/events.service';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	api(async (ctx) => {
		ctx.limits.creates.take(`ip:${event.getClientAddress()}`, 'new events');
		const { event: created, organiserToken } = await createEvent(ctx, await readJson(event.request));
		return { event: created, organiserToken, adminUrl: `${ctx.publicUrl}/admin/${organiserToken}` };
	}, 201);
