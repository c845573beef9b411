import { api } from '$lib/server/http';
import { findByCode } from '$lib/server/events/events.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	api(async (ctx) => {
		const { event: e, sessions } = await findByCode(ctx, event.params.code);
		return {
			event: { id: e.id, name: e.name, joinCode: e.joinCode, languages: e.languages },
			sessions: sessions.map(({ id, title, room, startsAt, endsAt }) => ({ id, title, room, startsAt, endsAt }))
		};
	});
