import { fail, redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { asDomainError } from '$lib/server/errors';
import { createEvent } from '$lib/server/events/events.service';
import { readForm } from '$lib/server/pages';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async (event) => {
		const { ctx } = await getApp();
		let form: FormData | null = null;
		try {
			form = await readForm(event.request);
			const languages = form.getAll('languages').map(String);
			ctx.limits.creates.take(`ip:${event.getClientAddress()}`, 'new events');
			const { organiserToken } = await createEvent(ctx, {
				name: String(form.get('name') ?? ''),
				languages: languages.length ? languages : ['en']
			});
			redirect(303, `/admin/${organiserToken}?created=1`);
		} catch (e) {
			const known = asDomainError(e);
			if (known) return fail(known.status, { name: String(form?.get('name') ?? ''), message: known.message });
			throw e;
		}
	}
};
