import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { randomBytes } from 'node:crypto';
import { redirect } from '@sveltejs/kit';
import { cookieName, getTextDirection, isLocale } from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { getApp } from '$lib/server/app';
import { PARTICIPANT_COOKIE, participantFromSecret } from '$lib/server/participants/participantCookie';

/** Opens the database and attaches the sockets before the first request is served. */
export const init: ServerInit = async () => {
	await getApp();
};

/**
 * `?lang=lt` on any link (a stage display's, say) picks the language for that browser: it is
 * remembered in Paraglide's cookie and the address is cleaned up.
 */
const handleLangParam: Handle = ({ event, resolve }) => {
	const lang = event.url.searchParams.get('lang');
	if (lang === null || event.request.method !== 'GET') return resolve(event);
	if (isLocale(lang)) event.cookies.set(cookieName, lang, { path: '/', httpOnly: false, sameSite: 'lax', maxAge: 60 * 60 * 24 * 400 });
	const clean = new URL(event.url);
	clean.searchParams.delete('lang');
	redirect(303, clean.pathname + clean.search);
};

const handleParaglide: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale).replace('%paraglide.dir%', getTextDirection(locale))
		});
	});

/** Every browser gets an anonymous participant cookie: random, httpOnly, nothing personal. */
const handleParticipant: Handle = ({ event, resolve }) => {
	let secret = event.cookies.get(PARTICIPANT_COOKIE);
	let participantId = participantFromSecret(secret);
	if (!participantId) {
		secret = randomBytes(24).toString('base64url');
		participantId = participantFromSecret(secret)!;
		event.cookies.set(PARTICIPANT_COOKIE, secret, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: event.url.protocol === 'https:',
			maxAge: 60 * 60 * 24 * 30
		});
	}
	event.locals.participantId = participantId;
	return resolve(event);
};

/**
 * Capability tokens travel in URLs: never leak them to other sites through the Referer header.
 * (same-origin rather than no-referrer: with no-referrer, browsers send `Origin: null` on plain
 * form posts, which SvelteKit's CSRF check rightly refuses.)
 */
const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Content-Type-Options', 'nosniff');
	return response;
};

export const handle = sequence(handleHeaders, handleLangParam, handleParticipant, handleParaglide);

export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) console.error(error);
	return { message: status === 404 ? 'Not found' : 'Something went wrong on our side.', code: String(status) };
};
