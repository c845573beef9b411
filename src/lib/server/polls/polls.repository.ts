import type { Poll } from '$lib/domain/polls';
import { activityColumns, toActivity, type ActivityRow } from '../activity/activity.repository';
import type { Queryable } from '../db/driver';

interface PollRow extends ActivityRow {
	question: string;
	options: Poll['options'] | string;
	multiple: boolean;
	max_choices: number;
}

const select = `select ${activityColumns}, q.question, q.options, q.multiple, q.max_choices from polls q join activities a on a.id = q.id`;

const toPoll = (r: PollRow): Poll => {
	const { kind: _, ...activity } = toActivity(r);
	return {
		...activity,
		question: r.question,
		options: typeof r.options === 'string' ? JSON.parse(r.options) : r.options,
		multiple: r.multiple,
		maxChoices: r.max_choices
	};
};

type Definition = Pick<Poll, 'id' | 'question' | 'options' | 'multiple' | 'maxChoices'>;
const definition = (p: Definition) => [p.id, p.question, JSON.stringify(p.options), p.multiple, p.maxChoices];

/** A poll's settings; its `activities` row is the kernel's. */
export async function insertPoll(db: Queryable, p: Definition): Promise<void> {
	await db.query('insert into polls (id, question, options, multiple, max_choices) values ($1, $2, $3::text::jsonb, $4, $5)', definition(p));
}

export async function updateDefinition(db: Queryable, p: Definition): Promise<void> {
	await db.query('update polls set question = $2, options = $3::text::jsonb, multiple = $4, max_choices = $5 where id = $1', definition(p));
}

export async function findPoll(db: Queryable, id: string): Promise<Poll | null> {
	const rows = await db.query<PollRow>(`${select} where q.id = $1`, [id]);
	return rows[0] ? toPoll(rows[0]) : null;
}

export async function listPolls(db: Queryable, sessionId: string): Promise<Poll[]> {
	const rows = await db.query<PollRow>(`${select} where a.session_id = $1 order by a.position, a.created_at`, [sessionId]);
	return rows.map(toPoll);
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
