import { error, type RequestEvent } from '@sveltejs/kit';
import { isLoopback } from './startup/reachableUrl';
import QRCode from 'qrcode';
import { DomainError, isDomainError } from '$lib/domain/errors';
import { asDomainError } from './errors';
import { authenticate, type Actor } from './access/access.service';
import { getApp } from './app';
import type { Ctx } from './context';
import { requireSessionOf } from './events/events.service';
import { snapshot } from './sessions/sessionViews';

/** Helpers for page loads: turn domain errors into SvelteKit errors, build links and QR codes. */

export async function loadOrError<T>(fn: (ctx: Ctx) => Promise<T>): Promise<T> {
	const { ctx } = await getApp();
	try {
		return await fn(ctx);
	} catch (e) {
		const known = asDomainError(e);
		if (known) error(known.status, { message: known.message, code: known.code });
		throw e;
	}
}

/** For lookups where "no such thing" is an answer to show, not an error page: `.catch(notFoundAsNull)`. */
export function notFoundAsNull(e: unknown): null {
	if (isDomainError(e) && e.code === 'not_found') return null;
	throw e;
}

/**
 * The base URL phones should use: ORIGIN when configured, else the address this request came to,
 * unless that is localhost (the organiser's own laptop) while phones can reach a LAN address.
 */
export async function baseUrl(event: RequestEvent): Promise<string> {
	const { config, ctx } = await getApp();
	if (config.ORIGIN) return config.ORIGIN.replace(/\/$/, '');
	return isLoopback(event.url.hostname) && !isLoopback(new URL(ctx.publicUrl).hostname) ? ctx.publicUrl : event.url.origin;
}

export function qrSvg(url: string): Promise<string> {
	return QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } });
}

/** A capability link's token, checked against a session it must cover. */
export async function sessionActor(ctx: Ctx, token: string, roles: ('moderator' | 'stage')[]): Promise<{ actor: Actor; sessionId: string }> {
	const actor = await authenticate(ctx.db, token);
	if (actor.grant.role === 'organiser') error(400, { message: 'Use a session link from the organiser page.', code: 'invalid_input' });
	if (!roles.includes(actor.grant.role)) error(403, { message: 'This link does not open this view.', code: 'forbidden' });
	await requireSessionOf(ctx, actor, actor.grant.sessionId!, roles);
	return { actor, sessionId: actor.grant.sessionId! };
}

/** A posted form, or a 400 if the body cannot be read as one (malformed multipart, say). */
export async function readForm(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch {
		throw new DomainError('invalid_input', 'The form could not be read.');
	}
}

/** What the stage display and the speaker view load: the stage's snapshot, opened with a stage or moderator link. */
export async function stageData(event: RequestEvent & { params: { token: string } }) {
	const base = await baseUrl(event);
	return loadOrError(async (ctx) => {
		const { sessionId } = await sessionActor(ctx, event.params.token, ['stage', 'moderator']);
		const snap = await snapshot(ctx, sessionId, 'stage', null);
		if (!snap) throw new DomainError('not_found', 'No such session.');
		return {
			snapshot: snap,
			token: event.params.token,
			audienceUrl: `${base}/s/${sessionId}`,
			shortUrl: `${base.replace(/^https?:\/\//, '')}/${snap.view.joinCode}`
		};
	});
}
