import { fail } from '@sveltejs/kit';
import { fromLocalInput } from '$lib/domain/events';
import { authenticate } from '$lib/server/access/access.service';
import { getApp } from '$lib/server/app';
import { asDomainError } from '$lib/server/errors';
import { createSession, organiserOverview, updateEvent, updateSession } from '$lib/server/events/events.service';
import { baseUrl, loadOrError, qrSvg, readForm } from '$lib/server/pages';
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

/**
 * Form fields → service input. Empty date fields mean "no time set". `datetime-local` values are
 * read in the browser's time zone, which the page sends along (UTC without JavaScript).
 */
function sessionFields(form: FormData) {
	const offset = Math.max(-900, Math.min(900, Number(form.get('tzOffset')) || 0));
	const date = (k: string) => {
		const v = String(form.get(k) ?? '').trim();
		return v === '' ? null : (fromLocalInput(v, offset) ?? v);
	};
	return { title: String(form.get('title') ?? ''), room: String(form.get('room') ?? ''), startsAt: date('startsAt'), endsAt: date('endsAt') };
}

async function act(
	request: Request,
	token: string,
	fn: (ctx: Awaited<ReturnType<typeof getApp>>['ctx'], actor: Awaited<ReturnType<typeof authenticate>>, form: FormData) => Promise<unknown>
) {
	const { ctx } = await getApp();
	try {
		const actor = await authenticate(ctx.db, token);
		await fn(ctx, actor, await readForm(request));
		return { ok: true };
	} catch (e) {
		const known = asDomainError(e);
		if (known) return fail(known.status, { message: known.message });
		throw e;
	}
}

export const actions: Actions = {
	createSession: ({ request, params }) => act(request, params.token, (ctx, actor, form) => createSession(ctx, actor, sessionFields(form))),
	updateSession: ({ request, params }) => act(request, params.token, (ctx, actor, form) => updateSession(ctx, actor, String(form.get('id') ?? ''), sessionFields(form))),
	updateEvent: ({ request, params }) =>
		act(request, params.token, (ctx, actor, form) => {
			const languages = form.getAll('languages').map(String);
			return updateEvent(ctx, actor, { name: String(form.get('name') ?? ''), languages: languages.length ? languages : ['en'] });
		})
};
