import { fail, redirect } from '@sveltejs/kit';
import * as joinCode from '$lib/domain/joinCode';
import type { Actions } from './$types';

export const actions: Actions = {
	join: async ({ request }) => {
		const form = await request.formData().catch(() => null);
		const raw = String(form?.get('code') ?? '').slice(0, 20);
		const code = joinCode.normalise(raw);
		if (!joinCode.isValid(code)) return fail(400, { code: raw, invalid: true });
		redirect(303, `/${code}`);
	}
};
