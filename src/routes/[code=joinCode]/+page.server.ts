import { redirect } from '@sveltejs/kit';
import { findByCode } from '$lib/server/events/events.service';
import { loadOrError, notFoundAsNull } from '$lib/server/pages';
import type { PageServerLoad } from './$types';

/** A join code leads to the event; with a single session, straight into it. */
export const load: PageServerLoad = async ({ params }) => {
	const found = await loadOrError((ctx) => findByCode(ctx, params.code).catch(notFoundAsNull));
	// A code no event has: back to the join form, with the code kept and the message shown.
	if (!found) redirect(303, `/?${new URLSearchParams({ code: params.code, missing: '1' })}`);
	if (found.sessions.length === 1) redirect(303, `/s/${found.sessions[0].id}`);
	return {
		event: { name: found.event.name, joinCode: found.event.joinCode },
		sessions: found.sessions.map(({ id, title, room, startsAt, endsAt }) => ({ id, title, room, startsAt, endsAt }))
	};
};
