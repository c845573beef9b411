import { DomainError } from '$lib/domain/errors';
import { randomId } from '$lib/domain/ids';
import type { Queryable } from '../db/driver';
import { findGrant, insertGrant, type Grant, type Role } from './access.repository';
import { deriveToken, hashToken, newToken, TOKEN_PATTERN } from './tokens';

export type { Role };

/** Who is acting: a capability grant, already checked. */
export interface Actor {
	grant: Grant;
	token: string;
}

/** Creates the organiser grant of a new event; the token is returned once and never stored. */
export async function createOrganiserGrant(db: Queryable, eventId: string): Promise<string> {
	const token = newToken();
	await insertGrant(db, { id: randomId(), role: 'organiser', eventId, sessionId: null, tokenHash: hashToken(token) });
	return token;
}

/** Creates (idempotently) the moderator and stage grants of a session, derived from the organiser's token. */
export async function createSessionGrants(db: Queryable, organiser: Actor, sessionId: string): Promise<void> {
	for (const role of ['moderator', 'stage'] as const) {
		const token = deriveToken(organiser.token, sessionId, role);
		await insertGrant(db, {
			id: randomId(),
			role,
			eventId: organiser.grant.eventId,
			sessionId,
			tokenHash: hashToken(token)
		});
	}
}

export function sessionLinks(organiser: Actor, sessionId: string) {
	return {
		moderatorToken: deriveToken(organiser.token, sessionId, 'moderator'),
		stageToken: deriveToken(organiser.token, sessionId, 'stage')
	};
}

/** Resolves a token to its grant, or 403. Malformed tokens are rejected before touching the DB. */
export async function authenticate(db: Queryable, token: string | null | undefined): Promise<Actor> {
	if (!token || !TOKEN_PATTERN.test(token)) throw new DomainError('forbidden', 'A valid access link is required.');
	const grant = await findGrant(db, hashToken(token));
	if (!grant) throw new DomainError('forbidden', 'This access link is not valid or has been revoked.');
	return { grant, token };
}

export function requireOrganiser(actor: Actor, eventId: string): void {
	if (actor.grant.role !== 'organiser' || actor.grant.eventId !== eventId) {
		throw new DomainError('forbidden', 'Only the event organiser may do this.');
	}
}
