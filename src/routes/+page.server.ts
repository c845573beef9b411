import { fail, redirect } from '@sveltejs/kit';
import * as joinCode from '$lib/domain/joinCode';
import { findByCode } from '$lib/server/events/events.service';
import { loadOrError, notFoundAsNull } from '$lib/server/pages';
import type { Actions, PageServerLoad } from './$types';

/** `/?code=…&missing=1` is where `/<code>` sends a code no event has: the form keeps it and says so. */
export const load: PageServerLoad = ({ url }) => ({
	code: (url.searchParams.get('code') ?? '').slice(0, 20),
	missing: url.searchParams.get('missing') === '1'
});

export const actions: Actions = {
	join: async ({ request }) => {
		const form = await request.formData().catch(() => null);
		const raw = String(form?.get('code') ?? '').slice(0, 20);
		const code = joinCode.normalise(raw);
		if (!joinCode.isValid(code)) return fail(400, { code: raw, invalid: true });
		// A code nobody has (mistyped, or the event is gone) is answered on the form, not with a 404 page.
		const found = await loadOrError((ctx) => findByCode(ctx, code).catch(notFoundAsNull));
		if (!found) return fail(404, { code: raw, notFound: true });
		redirect(303, `/${code}`);
	}
};
