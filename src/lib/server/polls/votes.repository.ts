import type { Queryable } from '../db/driver';

export interface VoteRecord {
	pollId: string;
	choices: string[];
	submissionId: string;
}

/** A vote as stored, with the choices it replaced (null for a participant's first vote on the poll). */
export interface StoredVote {
	vote: VoteRecord;
	previous: string[] | null;
}

export interface VoteWrite {
	participantId: string;
	vote: VoteRecord;
}

/**
 * Records votes in one statement, however many: claims each submission id, makes sure the
 * participants exist, and inserts or replaces their votes. The votes_check trigger rejects closed
 * polls and invalid choices (failing the whole statement; the write queue then retries one by
 * one). Two votes of one participant on one poll in the same list also fail it. Returns each vote
 * with the choices it replaced, or null where its submission id was already used (a retry).
 */
export async function upsertVotes(db: Queryable, writes: VoteWrite[]): Promise<(StoredVote | null)[]> {
	const rows = await db.query<{ submission_id: string; previous: string[] | null }>(
		`with input as (
		   select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[]) as t(sid, pid, poll, choices, result)
		 ), old as (
		   select v.poll_id, v.participant_id, v.choices from votes v join input i on v.poll_id = i.poll and v.participant_id = i.pid
		 ), sub as (
		   insert into submissions (id, participant_id, kind, result)
		   select sid, pid, 'vote', result::jsonb from input
		   on conflict (id) do nothing
		   returning id
		 ), par as (
		   insert into participants (id) select distinct pid from input where sid in (select id from sub)
		   on conflict (id) do nothing
		 ), vote as (
		   insert into votes (poll_id, participant_id, choices, submission_id)
		   select poll, pid, array(select jsonb_array_elements_text(choices::jsonb)), sid from input where sid in (select id from sub)
		   on conflict (poll_id, participant_id)
		   do update set choices = excluded.choices, submission_id = excluded.submission_id, updated_at = now()
		   returning submission_id, poll_id, participant_id
		 )
		 select vote.submission_id, old.choices as previous
		 from vote left join old on old.poll_id = vote.poll_id and old.participant_id = vote.participant_id`,
		[
			writes.map((w) => w.vote.submissionId),
			writes.map((w) => w.participantId),
			writes.map((w) => w.vote.pollId),
			writes.map((w) => JSON.stringify(w.vote.choices)),
			writes.map((w) => JSON.stringify(w.vote))
		]
	);
	const fresh = new Map(rows.map((r) => [r.submission_id, r.previous]));
	return writes.map((w) => (fresh.has(w.vote.submissionId) ? { vote: w.vote, previous: fresh.get(w.vote.submissionId) ?? null } : null));
}

/** The first result of a submission, if this participant made it. */
export async function findSubmission(db: Queryable, participantId: string, submissionId: string): Promise<VoteRecord | null | 'foreign'> {
	const rows = await db.query<{ participant_id: string; result: VoteRecord | string }>('select participant_id, result from submissions where id = $1', [submissionId]);
	const r = rows[0];
	if (!r) return null;
	if (r.participant_id !== participantId) return 'foreign';
	return typeof r.result === 'string' ? JSON.parse(r.result) : r.result;
}

export async function myVotes(db: Queryable, participantId: string, pollIds: string[]): Promise<Record<string, string[]>> {
	if (pollIds.length === 0) return {};
	const rows = await db.query<{ poll_id: string; choices: string[] }>('select poll_id, choices from votes where participant_id = $1 and poll_id = any($2::uuid[])', [
		participantId,
		pollIds
	]);
	return Object.fromEntries(rows.map((r) => [r.poll_id, r.choices]));
}
