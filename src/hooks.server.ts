import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { randomBytes } from 'node:crypto';
import { getTextDirection } from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { getApp } from '$lib/server/app';
import { PARTICIPANT_COOKIE, participantFromSecret } from '$lib/server/participants/participantCookie';

/** Opens the database and attaches the sockets before the first request is served. */
export const init: ServerInit = async () => {
	await getApp();
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

/** Capability tokens travel in URLs: never leak them through the Referer header. */
const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('Referrer-Policy', 'no-referrer');
	response.headers.set('X-Content-Type-Options', 'nosniff');
	return response;
};

export const handle = sequence(handleHeaders, handleParticipant, handleParaglide);

export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) console.error(error);
	return { message: status === 404 ? 'Not found' : 'Something went wrong on our side.', code: String(status) };
};
