import type { Poll, PollState } from '$lib/domain/polls';
import type { Queryable } from '../db/driver';

interface PollRow {
	id: string;
	session_id: string;
	question: string;
	options: Poll['options'] | string;
	multiple: boolean;
	max_choices: number;
	visibility: Poll['visibility'];
	state: PollState;
	revealed: boolean;
	position: number;
}

const columns = 'id, session_id, question, options, multiple, max_choices, visibility, state, revealed, position';

const toPoll = (r: PollRow): Poll => ({
	id: r.id,
	sessionId: r.session_id,
	question: r.question,
	options: typeof r.options === 'string' ? JSON.parse(r.options) : r.options,
	multiple: r.multiple,
	maxChoices: r.max_choices,
	visibility: r.visibility,
	state: r.state,
	revealed: r.revealed,
	position: r.position
});

/** Inserts a poll; the id comes from the client, so a retried create is a no-op. */
export async function insertPoll(db: Queryable, p: Poll): Promise<boolean> {
	const rows = await db.query(
		`insert into polls (id, session_id, question, options, multiple, max_choices, visibility, position)
		 values ($1, $2, $3, $4::text::jsonb, $5, $6, $7,
		   (select coalesce(max(position) + 1, 0) from polls where session_id = $2))
		 on conflict (id) do nothing returning id`,
		[p.id, p.sessionId, p.question, JSON.stringify(p.options), p.multiple, p.maxChoices, p.visibility]
	);
	return rows.length === 1;
}

export async function updateDefinition(db: Queryable, p: Poll): Promise<void> {
	await db.query(
		`update polls set question = $2, options = $3::text::jsonb, multiple = $4, max_choices = $5, visibility = $6,
		   -- only a poll that stays hidden keeps its reveal; one made hidden starts unrevealed
		   revealed = case when $6 = 'hidden' and visibility = 'hidden' then revealed else false end
		 where id = $1`,
		[p.id, p.question, JSON.stringify(p.options), p.multiple, p.maxChoices, p.visibility]
	);
}

export async function findPoll(db: Queryable, id: string): Promise<Poll | null> {
	const rows = await db.query<PollRow>(`select ${columns} from polls where id = $1`, [id]);
	return rows[0] ? toPoll(rows[0]) : null;
}

/** Reads a poll inside a transaction and locks it until the commit (see the vote trigger). */
export async function lockPoll(db: Queryable, id: string): Promise<Poll | null> {
	const rows = await db.query<PollRow>(`select ${columns} from polls where id = $1 for update`, [id]);
	return rows[0] ? toPoll(rows[0]) : null;
}

export async function listPolls(db: Queryable, sessionId: string): Promise<Poll[]> {
	const rows = await db.query<PollRow>(`select ${columns} from polls where session_id = $1 order by position, created_at`, [
		sessionId
	]);
	return rows.map(toPoll);
}

export async function setState(db: Queryable, id: string, state: PollState): Promise<void> {
	await db.query(
		`update polls set state = $2,
		   opened_at = case when $2 = 'open' then now() else opened_at end,
		   closed_at = case when $2 = 'closed' then now() else closed_at end
		 where id = $1`,
		[id, state]
	);
}

export async function setRevealed(db: Queryable, id: string, revealed: boolean): Promise<void> {
	await db.query('update polls set revealed = $2 where id = $1', [id, revealed]);
}

export async function deletePoll(db: Queryable, id: string): Promise<void> {
	await db.query('delete from polls where id = $1', [id]);
}

/** Sets positions to the given order; ids not in the session are ignored by the where clause. */
export async function reorder(db: Queryable, sessionId: string, ids: string[]): Promise<void> {
	await db.query(
		`update polls p set position = o.ord - 1
		 from unnest($2::uuid[]) with ordinality as o(id, ord)
		 where p.id = o.id and p.session_id = $1`,
		[sessionId, ids]
	);
}

export async function deleteVotes(db: Queryable, pollId: string): Promise<void> {
	await db.query('delete from votes where poll_id = $1', [pollId]);
}

export async function countVotes(db: Queryable, pollId: string): Promise<number> {
	const rows = await db.query<{ n: number }>('select count(*)::int as n from votes where poll_id = $1', [pollId]);
	return rows[0].n;
}

/** Current counts per option and the number of voters, straight from the votes. */
export async function tally(db: Queryable, pollId: string): Promise<{ voters: number; rows: { optionId: string; n: number }[] }> {
	const rows = await db.query<{ option_id: string | null; n: number }>(
		`select c as option_id, count(*)::int as n from votes, unnest(choices) c where poll_id = $1 group by c
		 union all
		 select null, count(*)::int from votes where poll_id = $1`,
		[pollId]
	);
	const voters = rows.find((r) => r.option_id === null)?.n ?? 0;
	return { voters, rows: rows.filter((r) => r.option_id !== null).map((r) => ({ optionId: r.option_id!, n: r.n })) };
}
