import type { Poll } from '$lib/domain/polls';
import { settingsReads, toActivity, type ActivityRow } from '../activity/activity.repository';
import type { Queryable } from '../db/driver';

interface PollRow extends ActivityRow {
	question: string;
	options: Poll['options'] | string;
	multiple: boolean;
	max_choices: number;
}

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

const reads = settingsReads('polls', 'x.question, x.options, x.multiple, x.max_choices', toPoll);
export const findPoll = reads.find;
export const listPolls = reads.list;
