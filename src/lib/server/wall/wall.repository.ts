import type { PollState } from '$lib/domain/polls';
import { settingsReads, toActivity, type ActivityRow } from '../activity/activity.repository';
import type { AnswerState, AuthorAnswer, ModeratorAnswer, PublicAnswer, Wall, WallSettings, WallSort } from '$lib/domain/wall';
import type { Queryable } from '../db/driver';

interface WallRow extends ActivityRow {
	prompt: string;
	max_chars: number;
	max_answers: number;
	moderation: boolean;
	upvotes: boolean;
	sort: WallSort;
}

const toWall = (r: WallRow): Wall => {
	const { kind: _, ...activity } = toActivity(r);
	return { ...activity, prompt: r.prompt, maxChars: r.max_chars, maxAnswers: r.max_answers, moderation: r.moderation, upvotes: r.upvotes, sort: r.sort };
};

type Settings = Omit<WallSettings, 'visibility'>;

const settings = (id: string, w: Settings) => [id, w.prompt, w.maxChars, w.maxAnswers, w.moderation, w.upvotes, w.sort];

/** A wall's settings; its `activities` row is the kernel's. */
export async function insertWall(db: Queryable, id: string, w: Settings): Promise<void> {
	await db.query('insert into walls (id, prompt, max_chars, max_answers, moderation, upvotes, sort) values ($1, $2, $3, $4, $5, $6, $7)', settings(id, w));
}

export async function updateSettings(db: Queryable, id: string, w: Settings): Promise<void> {
	await db.query('update walls set prompt = $2, max_chars = $3, max_answers = $4, moderation = $5, upvotes = $6, sort = $7 where id = $1', settings(id, w));
}

/** Deletes every answer (their upvotes go with them). */
export async function clearAnswers(db: Queryable, wallId: string): Promise<void> {
	await db.query('delete from wall_answers where wall_id = $1', [wallId]);
}

export interface AnswerRecord extends ModeratorAnswer {
	wallId: string;
	participantId: string;
}

interface AnswerRow {
	id: string;
	wall_id: string;
	participant_id: string;
	text: string;
	state: AnswerState;
	flagged: boolean;
	upvotes: number;
	created_at: Date | string;
}

const toAnswer = (r: AnswerRow): AnswerRecord => ({
	id: r.id,
	wallId: r.wall_id,
	participantId: r.participant_id,
	text: r.text,
	state: r.state,
	flagged: r.flagged,
	upvotes: r.upvotes,
	createdAt: new Date(r.created_at).toISOString()
});

const answerColumns = 'id, wall_id, participant_id, text, state, flagged, upvotes, created_at';

/** `lock` takes the row for update: votes and moderation of one answer are serialised on it. */
export async function findAnswer(db: Queryable, id: string, lock = false): Promise<AnswerRecord | null> {
	const rows = await db.query<AnswerRow>(`select ${answerColumns} from wall_answers where id = $1${lock ? ' for update' : ''}`, [id]);
	return rows[0] ? toAnswer(rows[0]) : null;
}

/** The trigger plenum_check_wall_answer enforces the open state, the length and the per-participant limit. */
export async function insertAnswer(db: Queryable, a: { id: string; wallId: string; participantId: string; text: string; state: AnswerState; flagged: boolean }): Promise<void> {
	await db.query('insert into participants (id) values ($1) on conflict (id) do nothing', [a.participantId]);
	await db.query('insert into wall_answers (id, wall_id, participant_id, text, state, flagged) values ($1, $2, $3, $4, $5, $6)', [
		a.id,
		a.wallId,
		a.participantId,
		a.text,
		a.state,
		a.flagged
	]);
}

export async function setAnswerState(db: Queryable, id: string, state: AnswerState): Promise<void> {
	await db.query('update wall_answers set state = $2 where id = $1', [id, state]);
}

/** The same order as `order()` in the domain, so LIMIT keeps the answers that order puts first. */
const orderBy: Record<WallSort, string> = {
	newest: 'created_at desc, id',
	top: 'upvotes desc, created_at desc, id'
};

/** Approved answers only, and only their public columns. */
export async function publicAnswers(db: Queryable, wallId: string, sort: WallSort, limit: number): Promise<PublicAnswer[]> {
	const rows = await db.query<Pick<AnswerRow, 'id' | 'text' | 'upvotes' | 'created_at'>>(
		`select id, text, upvotes, created_at from wall_answers where wall_id = $1 and state = 'approved' order by ${orderBy[sort]} limit $2`,
		[wallId, limit]
	);
	return rows.map((r) => ({ id: r.id, text: r.text, upvotes: r.upvotes, createdAt: new Date(r.created_at).toISOString() }));
}

/** Every state, newest first. */
export async function recentAnswers(db: Queryable, wallId: string, limit: number): Promise<AnswerRecord[]> {
	const rows = await db.query<AnswerRow>(`select ${answerColumns} from wall_answers where wall_id = $1 order by ${orderBy.newest} limit $2`, [wallId, limit]);
	return rows.map(toAnswer);
}

/** Every answer, oldest first, for the export. */
export async function allAnswers(db: Queryable, wallId: string): Promise<AnswerRecord[]> {
	const rows = await db.query<AnswerRow>(`select ${answerColumns} from wall_answers where wall_id = $1 order by created_at, id`, [wallId]);
	return rows.map(toAnswer);
}

export async function answersBy(db: Queryable, wallId: string, participantId: string): Promise<AuthorAnswer[]> {
	return db.query<AuthorAnswer>('select id, text, state from wall_answers where wall_id = $1 and participant_id = $2 order by created_at, id', [wallId, participantId]);
}

export async function votesBy(db: Queryable, wallId: string, participantId: string): Promise<string[]> {
	const rows = await db.query<{ answer_id: string }>(
		`select v.answer_id from wall_answer_votes v join wall_answers a on a.id = v.answer_id
		 where v.participant_id = $2 and a.wall_id = $1 order by v.created_at`,
		[wallId, participantId]
	);
	return rows.map((r) => r.answer_id);
}

export interface VoteResult {
	answerId: string;
	value: 0 | 1;
}

/**
 * Claims a submission id for this vote. False when the id was used before (a retry, or someone
 * else's id): the caller then looks up the first result with `findVoteSubmission`.
 */
export interface VoteWrite {
	answerId: string;
	participantId: string;
	value: 0 | 1;
	submissionId: string;
}

/** Claims the submission ids of upvotes; returns those that were new (the others are retries). */
export async function claimVoteSubmissions(db: Queryable, writes: VoteWrite[]): Promise<Set<string>> {
	const rows = await db.query<{ id: string }>(
		`insert into submissions (id, participant_id, kind, result)
		 select sid, pid, 'wall_vote', result::jsonb from unnest($1::uuid[], $2::uuid[], $3::text[]) as t(sid, pid, result)
		 on conflict (id) do nothing returning id`,
		[writes.map((w) => w.submissionId), writes.map((w) => w.participantId), writes.map((w) => JSON.stringify({ answerId: w.answerId, value: w.value } satisfies VoteResult))]
	);
	return new Set(rows.map((r) => r.id));
}

/** Locks answers for upvotes and says, per answer, what decides whether it takes one. */
export async function lockForVotes(db: Queryable, answerIds: string[]) {
	const rows = await db.query<{ id: string; state: AnswerState; wall_id: string; upvotes_on: boolean; wall_state: PollState }>(
		`select a.id, a.state, a.wall_id, w.upvotes as upvotes_on, k.state as wall_state
		 from wall_answers a join walls w on w.id = a.wall_id join activities k on k.id = a.wall_id where a.id = any($1::uuid[]) order by a.id for update of a`,
		[answerIds]
	);
	return new Map(rows.map((r) => [r.id, { state: r.state, wallId: r.wall_id, upvotesOn: r.upvotes_on, wallState: r.wall_state }]));
}

export async function findVoteSubmission(db: Queryable, submissionId: string): Promise<{ participantId: string; kind: string; result: VoteResult } | null> {
	const rows = await db.query<{ participant_id: string; kind: string; result: VoteResult | string }>('select participant_id, kind, result from submissions where id = $1', [
		submissionId
	]);
	const r = rows[0];
	if (!r) return null;
	return { participantId: r.participant_id, kind: r.kind, result: typeof r.result === 'string' ? JSON.parse(r.result) : r.result };
}

/**
 * Sets (never toggles) participants' upvotes, however many, in one statement, and moves each
 * answer's counter by what actually changed. Call with the answers locked. One participant's two
 * votes on one answer must not share a call (the caller checks).
 */
export async function setVotes(db: Queryable, writes: Pick<VoteWrite, 'answerId' | 'participantId' | 'value'>[]): Promise<void> {
	await db.query(
		`with input as (
		   select * from unnest($1::uuid[], $2::uuid[], $3::int[]) as t(aid, pid, value)
		 ), par as (
		   insert into participants (id) select distinct pid from input where value = 1 on conflict (id) do nothing
		 ), added as (
		   insert into wall_answer_votes (answer_id, participant_id) select aid, pid from input where value = 1
		   on conflict do nothing returning answer_id
		 ), removed as (
		   delete from wall_answer_votes v using input i where i.value = 0 and v.answer_id = i.aid and v.participant_id = i.pid
		   returning v.answer_id
		 ), delta as (
		   select answer_id, sum(d)::int as d from (select answer_id, 1 as d from added union all select answer_id, -1 from removed) x
		   group by answer_id
		 )
		 update wall_answers a set upvotes = a.upvotes + delta.d from delta where a.id = delta.answer_id`,
		[writes.map((w) => w.answerId), writes.map((w) => w.participantId), writes.map((w) => w.value)]
	);
}

const reads = settingsReads('walls', 'x.prompt, x.max_chars, x.max_answers, x.moderation, x.upvotes, x.sort', toWall);
export const findWall = reads.find;
export const listWalls = reads.list;
