import type { Queryable } from '../db/driver';

/** An event's own edits to the profanity lists (terms added or removed per language). SQL only. */
export async function profanityEdits(db: Queryable, eventId: string) {
	return db.query<{ language: string; term: string; action: 'add' | 'remove' }>('select language, term, action from profanity_edits where event_id = $1 order by language, term', [
		eventId
	]);
}

export async function setProfanityEdit(db: Queryable, eventId: string, language: string, term: string, action: 'add' | 'remove' | null) {
	if (action === null) await db.query('delete from profanity_edits where event_id = $1 and language = $2 and term = $3', [eventId, language, term]);
	else
		await db.query(
			`insert into profanity_edits (event_id, language, term, action) values ($1, $2, $3, $4)
			 on conflict (event_id, language, term) do update set action = excluded.action`,
			[eventId, language, term, action]
		);
}
