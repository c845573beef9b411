import { fail, redirect } from '@sveltejs/kit';
import { isDomainError } from '$lib/domain/errors';
import { getApp } from '$lib/server/app';
import { createEvent } from '$lib/server/events/events.service';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const { ctx } = await getApp();
		const languages = form.getAll('languages').map(String);
		try {
			ctx.limits.creates.take(`ip:${event.getClientAddress()}`, 'new events');
			const { organiserToken } = await createEvent(ctx, {
				name: String(form.get('name') ?? ''),
				languages: languages.length ? languages : ['en']
			});
			redirect(303, `/admin/${organiserToken}?created=1`);
		} catch (e) {
			if (isDomainError(e)) return fail(e.status, { name: String(form.get('name') ?? ''), message: e.message });
			throw e;
		}
	}
};
