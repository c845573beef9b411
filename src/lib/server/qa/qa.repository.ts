import * as qa from '$lib/domain/qa';
import type { Label, Question, QuestionState } from '$lib/domain/qa';
import type { Queryable } from '../db/driver';

/** Q&A SQL. Vote counts on questions move in the same transaction as the vote rows. */

interface QuestionRow {
	id: string;
	session_id: string;
	participant_id: string;
	author_name: string | null;
	text: string;
	original_text: string | null;
	state: QuestionState;
	flagged: boolean;
	highlighted: boolean;
	star_position: number | null;
	merged_into: string | null;
	merged_count: number;
	upvotes: number;
	downvotes: number;
	label_ids: string[] | null;
	created_at: Date | string;
}

export type QuestionRecord = Question & { participantId: string };

const toQuestion = (r: QuestionRow): QuestionRecord => ({
	id: r.id,
	sessionId: r.session_id,
	participantId: r.participant_id,
	text: r.text,
	originalText: r.original_text,
	authorName: r.author_name,
	state: r.state,
	flagged: r.flagged,
	highlighted: r.highlighted,
	starPosition: r.star_position,
	mergedInto: r.merged_into,
	mergedCount: r.merged_count,
	upvotes: r.upvotes,
	downvotes: r.downvotes,
	labelIds: r.label_ids ?? [],
	createdAt: new Date(r.created_at).toISOString()
});

const select = `select q.id, q.session_id, q.participant_id, q.author_name, q.text, q.original_text, q.state, q.flagged,
	q.highlighted, q.star_position, q.merged_into, q.merged_count, q.upvotes, q.downvotes, q.created_at,
	array(select ql.label_id from question_labels ql where ql.question_id = q.id order by ql.label_id) as label_ids
	from questions q`;

export async function insertQuestion(
	db: Queryable,
	q: { id: string; sessionId: string; participantId: string; authorName: string | null; text: string; state: QuestionState; flagged: boolean }
): Promise<boolean> {
	await db.query('insert into participants (id) values ($1) on conflict (id) do nothing', [q.participantId]);
	const rows = await db.query(
		`insert into questions (id, session_id, participant_id, author_name, text, state, flagged)
		 values ($1, $2, $3, $4, $5, $6, $7) on conflict (id) do nothing returning id`,
		[q.id, q.sessionId, q.participantId, q.authorName, q.text, q.state, q.flagged]
	);
	return rows.length === 1;
}

export async function findQuestion(db: Queryable, id: string): Promise<QuestionRecord | null> {
	const rows = await db.query<QuestionRow>(`${select} where q.id = $1`, [id]);
	return rows[0] ? toQuestion(rows[0]) : null;
}

/** Reads and locks a question until the end of the transaction (votes and moderation on it queue up). */
export async function lockQuestion(db: Queryable, id: string): Promise<QuestionRecord | null> {
	await db.query('select 1 from questions where id = $1 for update', [id]);
	return findQuestion(db, id);
}

export async function listQuestions(db: Queryable, sessionId: string): Promise<QuestionRecord[]> {
	const rows = await db.query<QuestionRow>(`${select} where q.session_id = $1 order by q.created_at, q.id`, [sessionId]);
	return rows.map(toQuestion);
}

export async function listByAuthor(db: Queryable, sessionId: string, participantId: string): Promise<QuestionRecord[]> {
	const rows = await db.query<QuestionRow>(`${select} where q.session_id = $1 and q.participant_id = $2 order by q.created_at`, [sessionId, participantId]);
	return rows.map(toQuestion);
}

export async function myVotes(db: Queryable, sessionId: string, participantId: string): Promise<Record<string, 1 | -1>> {
	const rows = await db.query<{ question_id: string; value: 1 | -1 }>(
		`select v.question_id, v.value from question_votes v join questions q on q.id = v.question_id
		 where q.session_id = $1 and v.participant_id = $2`,
		[sessionId, participantId]
	);
	return Object.fromEntries(rows.map((r) => [r.question_id, Number(r.value) as 1 | -1]));
}

export async function voters(db: Queryable, questionId: string): Promise<string[]> {
	const rows = await db.query<{ participant_id: string }>('select participant_id from question_votes where question_id = $1 limit 5000', [questionId]);
	return rows.map((r) => r.participant_id);
}

/** Sets one participant's vote on a question (1, -1, or 0 for none) and moves the counts. The question row must be locked. */
export interface QuestionVoteWrite {
	questionId: string;
	participantId: string;
	value: -1 | 0 | 1;
}

/** Locks questions for a vote and tells which of them phones may vote on (public ones). */
export async function lockForVotes(db: Queryable, ids: string[]): Promise<Map<string, boolean>> {
	const rows = await db.query<{ id: string; state: QuestionState; merged_into: string | null }>(
		'select id, state, merged_into from questions where id = any($1::uuid[]) order by id for update',
		[ids]
	);
	return new Map(rows.map((r) => [r.id, qa.isPublic({ state: r.state, mergedInto: r.merged_into })]));
}

/**
 * Sets phones' votes on questions, however many, in one statement: the vote rows and the
 * questions' counters move together. Setting (not toggling) makes a retry harmless. One phone's
 * two votes on one question must not share a call (the caller checks).
 */
export async function setVotes(db: Queryable, writes: QuestionVoteWrite[]): Promise<void> {
	await db.query(
		`with input as (
		   select * from unnest($1::uuid[], $2::uuid[], $3::int[]) as t(qid, pid, value)
		 ), old as (
		   select v.question_id, v.participant_id, v.value from question_votes v join input i on v.question_id = i.qid and v.participant_id = i.pid
		 ), par as (
		   insert into participants (id) select distinct pid from input on conflict (id) do nothing
		 ), removed as (
		   delete from question_votes v using input i where i.value = 0 and v.question_id = i.qid and v.participant_id = i.pid
		 ), upserted as (
		   insert into question_votes (question_id, participant_id, value) select qid, pid, value from input where value <> 0
		   on conflict (question_id, participant_id) do update set value = excluded.value
		 ), delta as (
		   select i.qid,
		     sum((i.value = 1)::int - coalesce((o.value = 1)::int, 0))::int as up,
		     sum((i.value = -1)::int - coalesce((o.value = -1)::int, 0))::int as down
		   from input i left join old o on o.question_id = i.qid and o.participant_id = i.pid
		   group by i.qid
		 )
		 update questions q set upvotes = q.upvotes + d.up, downvotes = q.downvotes + d.down from delta d where q.id = d.qid and (d.up <> 0 or d.down <> 0)`,
		[writes.map((w) => w.questionId), writes.map((w) => w.participantId), writes.map((w) => w.value)]
	);
}

export async function setState(db: Queryable, id: string, state: QuestionState): Promise<void> {
	await db.query(
		`update questions set state = $2, updated_at = now(),
		   highlighted = case when $2 in ('approved', 'answered') then highlighted else false end
		 where id = $1`,
		[id, state]
	);
}

export async function editText(db: Queryable, id: string, text: string): Promise<void> {
	await db.query(`update questions set original_text = coalesce(original_text, text), text = $2, updated_at = now() where id = $1`, [id, text]);
}

/** Serialises highlight and star changes of one session (two moderators at once). */
export async function lockSession(db: Queryable, sessionId: string): Promise<void> {
	await db.query('select 1 from sessions where id = $1 for update', [sessionId]);
}

/** One highlighted question per session: clearing the others first keeps the unique index happy. Needs lockSession. */
export async function setHighlight(db: Queryable, sessionId: string, id: string, on: boolean): Promise<void> {
	if (on) await db.query('update questions set highlighted = false where session_id = $1 and highlighted and id <> $2', [sessionId, id]);
	await db.query('update questions set highlighted = $2 where id = $1', [id, on]);
}

export async function setStar(db: Queryable, sessionId: string, id: string, on: boolean): Promise<void> {
	await db.query(
		`update questions set star_position = case when $3
		   then coalesce(star_position, (select coalesce(max(star_position) + 1, 0) from questions where session_id = $2))
		   else null end
		 where id = $1`,
		[id, sessionId, on]
	);
}

/**
 * Renumbers the whole star queue: the ids given first, in that order, then any starred question
 * the caller did not list (a stale view), in their old order. Positions stay unique. Needs lockSession.
 */
export async function reorderStars(db: Queryable, sessionId: string, ids: string[]): Promise<void> {
	await db.query(
		`with wanted as (select id, ord from unnest($2::uuid[]) with ordinality as o(id, ord)),
		 ranked as (
		   select q.id, row_number() over (order by w.ord nulls last, q.star_position, q.id) - 1 as pos
		   from questions q left join wanted w on w.id = q.id
		   where q.session_id = $1 and q.star_position is not null
		 )
		 update questions q set star_position = r.pos from ranked r where q.id = r.id`,
		[sessionId, ids]
	);
}

/** Replaces a question's labels; labels of other events are ignored. */
export async function setLabels(db: Queryable, questionId: string, labelIds: string[]): Promise<void> {
	await db.query('delete from question_labels where question_id = $1', [questionId]);
	if (labelIds.length > 0) {
		await db.query(
			`insert into question_labels (question_id, label_id)
			 select $1, l.id from labels l join questions q on q.id = $1 join sessions s on s.id = q.session_id
			 where l.id = any($2::uuid[]) and l.event_id = s.event_id`,
			[questionId, labelIds]
		);
	}
}

/**
 * Merges `source` into `target`: votes move across, each participant counted once (a voter of both
 * keeps their vote on the target), the counts are recomputed, and the source is archived.
 */
export async function merge(db: Queryable, sourceId: string, targetId: string): Promise<void> {
	await db.query(
		`insert into question_votes (question_id, participant_id, value, created_at)
		 select $2, participant_id, value, created_at from question_votes where question_id = $1
		 on conflict (question_id, participant_id) do nothing`,
		[sourceId, targetId]
	);
	await db.query('delete from question_votes where question_id = $1', [sourceId]);
	await db.query(
		`update questions t set
		   upvotes = (select count(*) from question_votes where question_id = t.id and value = 1),
		   downvotes = (select count(*) from question_votes where question_id = t.id and value = -1),
		   merged_count = t.merged_count + 1 + (select merged_count from questions where id = $1),
		   updated_at = now()
		 where t.id = $2`,
		[sourceId, targetId]
	);
	await db.query(
		`update questions set merged_into = $2, state = 'archived', highlighted = false, star_position = null,
		   upvotes = 0, downvotes = 0, updated_at = now()
		 where id = $1`,
		[sourceId, targetId]
	);
	// Questions merged into the source earlier now point at the target.
	await db.query('update questions set merged_into = $2 where merged_into = $1', [sourceId, targetId]);
}

/** Questions whose text looks like `text` (pg_trgm), most alike first. */
export async function similar(
	db: Queryable,
	sessionId: string,
	text: string,
	opts: { includeHidden: boolean; excludeId?: string; limit?: number }
): Promise<{ id: string; text: string; similarity: number; upvotes: number; state: QuestionState }[]> {
	const rows = await db.query<{ id: string; text: string; similarity: number; upvotes: number; state: QuestionState }>(
		`select id, text, upvotes, state, greatest(similarity(text, $2), word_similarity($2, text))::float8 as similarity
		 from questions
		 where session_id = $1 and merged_into is null and id <> coalesce($4::uuid, '00000000-0000-0000-0000-000000000000'::uuid)
		   and (${opts.includeHidden ? "state <> 'archived'" : "state in ('approved', 'answered')"})
		   and (similarity(text, $2) >= 0.2 or word_similarity($2, text) >= 0.45)
		 order by similarity desc, upvotes desc
		 limit $3`,
		[sessionId, text, opts.limit ?? 5, opts.excludeId ?? null]
	);
	return rows.map((r) => ({ ...r, similarity: Number(r.similarity) }));
}

export async function isBlocked(db: Queryable, eventId: string, participantId: string): Promise<boolean> {
	const rows = await db.query('select 1 from blocked_participants where event_id = $1 and participant_id = $2', [eventId, participantId]);
	return rows.length > 0;
}

export async function block(db: Queryable, eventId: string, participantId: string, by: string | null): Promise<void> {
	await db.query('insert into blocked_participants (event_id, participant_id, blocked_by) values ($1, $2, $3) on conflict do nothing', [eventId, participantId, by]);
}

export async function listLabels(db: Queryable, eventId: string): Promise<Label[]> {
	return db.query<Label>('select id, name, public from labels where event_id = $1 order by position, name', [eventId]);
}

export async function insertLabel(db: Queryable, eventId: string, l: Label): Promise<boolean> {
	const rows = await db.query(
		`insert into labels (id, event_id, name, public, position)
		 values ($1, $2, $3, $4, (select coalesce(max(position) + 1, 0) from labels where event_id = $2))
		 on conflict do nothing returning id`,
		[l.id, eventId, l.name, l.public]
	);
	return rows.length === 1;
}

export async function updateLabel(db: Queryable, eventId: string, l: Label): Promise<void> {
	await db.query('update labels set name = $3, public = $4 where id = $1 and event_id = $2', [l.id, eventId, l.name, l.public]);
}

export async function deleteLabel(db: Queryable, eventId: string, id: string): Promise<void> {
	await db.query('delete from labels where id = $1 and event_id = $2', [id, eventId]);
}

export async function updateSettings(
	db: Queryable,
	sessionId: string,
	s: { enabled: boolean; premoderation: boolean; identity: string; downvotes: boolean; maxLength: number }
): Promise<void> {
	await db.query(`update sessions set qa_enabled = $2, qa_premoderation = $3, qa_identity = $4, qa_downvotes = $5, qa_max_length = $6 where id = $1`, [
		sessionId,
		s.enabled,
		s.premoderation,
		s.identity,
		s.downvotes,
		s.maxLength
	]);
}

export async function moderationLog(db: Queryable, sessionId: string) {
	const rows = await db.query<{
		id: number;
		created_at: Date | string;
		actor_grant_id: string | null;
		role: string | null;
		action: string;
		details: unknown;
	}>(
		`select l.id, l.created_at, l.actor_grant_id, g.role, l.action, l.details
		 from moderation_log l left join access_grants g on g.id = l.actor_grant_id
		 where l.session_id = $1 order by l.id`,
		[sessionId]
	);
	return rows.map((r) => ({
		id: Number(r.id),
		at: new Date(r.created_at).toISOString(),
		actor: r.actor_grant_id ? `${r.role ?? 'grant'}:${r.actor_grant_id.slice(0, 8)}` : 'system',
		action: r.action,
		details: typeof r.details === 'string' ? JSON.parse(r.details) : r.details
	}));
}
