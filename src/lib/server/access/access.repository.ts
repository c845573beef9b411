import type { Queryable } from '../db/driver';

export type Role = 'organiser' | 'moderator' | 'stage';

export interface Grant {
	id: string;
	role: Role;
	eventId: string;
	sessionId: string | null;
}

export async function insertGrant(db: Queryable, g: Grant & { tokenHash: string }): Promise<void> {
	await db.query(
		`insert into access_grants (id, token_hash, role, event_id, session_id) values ($1, $2, $3, $4, $5)
		 on conflict (token_hash) do nothing`,
		[g.id, g.tokenHash, g.role, g.eventId, g.sessionId]
	);
}

export async function findGrant(db: Queryable, tokenHash: string): Promise<Grant | null> {
	const rows = await db.query<{ id: string; role: Role; event_id: string; session_id: string | null }>(
		`select id, role, event_id, session_id from access_grants where token_hash = $1 and revoked_at is null`,
		[tokenHash]
	);
	const r = rows[0];
	return r ? { id: r.id, role: r.role, eventId: r.event_id, sessionId: r.session_id } : null;
}
