import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Capability tokens. 256 random bits, base64url. Only SHA-256 hashes are stored.
 *
 * Session links (moderator, stage) are derived from the organiser's token with HMAC, so the
 * organiser page can show them again without the database ever holding a usable secret.
 */
export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export function deriveToken(organiserToken: string, sessionId: string, role: 'moderator' | 'stage'): string {
	return createHmac('sha256', organiserToken).update(`${sessionId}:${role}`).digest('base64url');
}

/** Participant ids are a UUID-shaped hash of the cookie secret: the cookie never reaches the DB. */
export function participantIdFor(cookieSecret: string): string {
	const h = createHash('sha256').update(`participant:${cookieSecret}`).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{40,64}$/;
export const PARTICIPANT_COOKIE_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;
