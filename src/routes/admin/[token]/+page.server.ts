import { fail } from '@sveltejs/kit';
import { isDomainError } from '$lib/domain/errors';
import { authenticate } from '$lib/server/access/access.service';
import { getApp } from '$lib/server/app';
import { createSession, organiserOverview, updateEvent, updateSession } from '$lib/server/events/events.service';
import { baseUrl, loadOrError, qrSvg } from '$lib/server/pages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const base = await baseUrl(event);
	return loadOrError(async (ctx) => {
		const actor = await authenticate(ctx.db, event.params.token);
		const { event: ev, sessions } = await organiserOverview(ctx, actor);
		return {
			event: ev,
			joinUrl: `${base}/${ev.joinCode}`,
			sessions: await Promise.all(
				sessions.map(async (s) => {
					const audienceUrl = `${base}/s/${s.id}`;
					return {
						id: s.id,
						title: s.title,
						room: s.room,
						startsAt: s.startsAt,
						endsAt: s.endsAt,
						position: s.position,
						audienceUrl,
						qr: await qrSvg(audienceUrl),
						moderatorUrl: `${base}/moderate/${s.moderatorToken}`,
						stageUrl: `${base}/stage/${s.stageToken}`
					};
				})
			)
		};
	});
};

/** Form fields → service input. Empty date fields mean "no time set". */
function sessionFields(form: FormData) {
	const date = (k: string) => {
		const v = String(form.get(k) ?? '').trim();
		return v === '' ? null : v;
	};
	return { title: String(form.get('title') ?? ''), room: String(form.get('room') ?? ''), startsAt: date('startsAt'), endsAt: date('endsAt') };
}

async function act(token: string, fn: (ctx: Awaited<ReturnType<typeof getApp>>['ctx'], actor: Awaited<ReturnType<typeof authenticate>>) => Promise<unknown>) {
	const { ctx } = await getApp();
	try {
		await fn(ctx, await authenticate(ctx.db, token));
		return { ok: true };
	} catch (e) {
		if (isDomainError(e)) return fail(e.status, { message: e.message });
		throw e;
	}
}

export const actions: Actions = {
	createSession: async ({ request, params }) => {
		const form = await request.formData();
		return act(params.token, (ctx, actor) => createSession(ctx, actor, sessionFields(form)));
	},
	updateSession: async ({ request, params }) => {
		const form = await request.formData();
		return act(params.token, (ctx, actor) => updateSession(ctx, actor, String(form.get('id') ?? ''), sessionFields(form)));
	},
	updateEvent: async ({ request, params }) => {
		const form = await request.formData();
		const languages = form.getAll('languages').map(String);
		return act(params.token, (ctx, actor) => updateEvent(ctx, actor, { name: String(form.get('name') ?? ''), languages: languages.length ? languages : ['en'] }));
	}
};
