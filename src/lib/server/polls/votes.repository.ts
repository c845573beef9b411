import type { Queryable } from '../db/driver';

export interface VoteRecord {
	pollId: string;
	choices: string[];
	submissionId: string;
}

/**
 * Records a vote in one statement: claims the submission id, makes sure the participant exists,
 * and inserts or replaces the participant's vote. The votes_check trigger rejects closed polls and
 * invalid choices. Returns null when the submission id was already used (a retry).
 */
export async function upsertVote(db: Queryable, participantId: string, v: VoteRecord): Promise<VoteRecord | null> {
	const rows = await db.query<{ fresh: number }>(
		`with sub as (
		   insert into submissions (id, participant_id, kind, result)
		   values ($1, $2, 'vote', $5::text::jsonb)
		   on conflict (id) do nothing
		   returning id
		 ), par as (
		   insert into participants (id) select $2 where exists (select 1 from sub)
		   on conflict (id) do nothing
		 ), vote as (
		   insert into votes (poll_id, participant_id, choices, submission_id)
		   select $3, $2, $4::text[], $1 where exists (select 1 from sub)
		   on conflict (poll_id, participant_id)
		   do update set choices = excluded.choices, submission_id = excluded.submission_id, updated_at = now()
		   returning 1
		 )
		 select (select count(*) from vote)::int as fresh`,
		[v.submissionId, participantId, v.pollId, v.choices, JSON.stringify(v)]
	);
	return rows[0].fresh === 1 ? v : null;
}

/** The first result of a submission, if this participant made it. */
export async function findSubmission(db: Queryable, participantId: string, submissionId: string): Promise<VoteRecord | null | 'foreign'> {
	const rows = await db.query<{ participant_id: string; result: VoteRecord | string }>(
		'select participant_id, result from submissions where id = $1',
		[submissionId]
	);
	const r = rows[0];
	if (!r) return null;
	if (r.participant_id !== participantId) return 'foreign';
	return typeof r.result === 'string' ? JSON.parse(r.result) : r.result;
}

export async function myVotes(db: Queryable, participantId: string, pollIds: string[]): Promise<Record<string, string[]>> {
	if (pollIds.length === 0) return {};
	const rows = await db.query<{ poll_id: string; choices: string[] }>(
		'select poll_id, choices from votes where participant_id = $1 and poll_id = any($2::uuid[])',
		[participantId, pollIds]
	);
	return Object.fromEntries(rows.map((r) => [r.poll_id, r.choices]));
}
