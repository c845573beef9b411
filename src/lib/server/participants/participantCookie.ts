import { PARTICIPANT_COOKIE_PATTERN, participantIdFor } from '../access/tokens';

/** The anonymous participant cookie: a random secret, httpOnly. Only its hash is ever stored. */
export const PARTICIPANT_COOKIE = 'plenum_pid';

export function participantFromSecret(secret: string | undefined | null): string | null {
	return secret && PARTICIPANT_COOKIE_PATTERN.test(secret) ? participantIdFor(secret) : null;
}

export function participantFromCookieHeader(header: string | undefined): string | null {
	if (!header) return null;
	for (const part of header.split(';')) {
		const [k, ...v] = part.trim().split('=');
		// The secret is base64url: no decoding needed, and a malformed value simply does not match.
		if (k === PARTICIPANT_COOKIE) return participantFromSecret(v.join('='));
	}
	return null;
}
