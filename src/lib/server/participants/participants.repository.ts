import type { Queryable } from '../db/driver';

/** A participant row exists from their first vote, question, entry or answer on. */
export async function participantExists(db: Queryable, participantId: string): Promise<boolean> {
	const rows = await db.query('select 1 from participants where id = $1', [participantId]);
	return rows.length > 0;
}
