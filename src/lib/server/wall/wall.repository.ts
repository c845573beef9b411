import type { PollState, Visibility } from '$lib/domain/polls';
import type { AnswerState, AuthorAnswer, ModeratorAnswer, PublicAnswer, Wall, WallSettings, WallSort } from '$lib/domain/wall';
import type { Queryable } from '../db/driver';

interface WallRow {
	id: string;
	session_id: string;
	prompt: string;
	max_chars: number;
	max_answers: number;
	moderation: boolean;
	upvotes: boolean;
	sort: WallSort;
	visibility: Visibility;
	state: PollState;
	revealed: boolean;
	position: number;
}

const toWall = (r: WallRow): Wall => ({
	id: r.id,
	sessionId: r.session_id,
	prompt: r.prompt,
	maxChars: r.max_chars,
	maxAnswers: r.max_answers,
	moderation: r.moderation,
	upvotes: r.upvotes,
	sort: r.sort,
	visibility: r.visibility,
	state: r.state,
	revealed: r.revealed,
	position: r.position
});

const wallColumns = 'id, session_id, prompt, max_chars, max_answers, moderation, upvotes, sort, visibility, state, revealed, position';

export async function insertWall(db: Queryable, w: WallSettings & { id: string; sessionId: string }): Promise<boolean> {
	const rows = await db.query(
		`insert into walls (id, session_id, prompt, max_chars, max_answers, moderation, upvotes, sort, visibility, position)
		 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, (select coalesce(max(position) + 1, 0) from walls where session_id = $2))
		 on conflict (id) do nothing returning id`,
		[w.id, w.sessionId, w.prompt, w.maxChars, w.maxAnswers, w.moderation, w.upvotes, w.sort, w.visibility]
	);
	return rows.length === 1;
}

export async function findWall(db: Queryable, id: string, lock = false): Promise<Wall | null> {
	const rows = await db.query<WallRow>(`select ${wallColumns} from walls where id = $1${lock ? ' for update' : ''}`, [id]);
	return rows[0] ? toWall(rows[0]) : null;
}

export async function listWalls(db: Queryable, sessionId: string): Promise<Wall[]> {
	const rows = await db.query<WallRow>(`select ${wallColumns} from walls where session_id = $1 order by position, created_at`, [sessionId]);
	return rows.map(toWall);
}

export async function updateSettings(db: Queryable, id: string, s: WallSettings): Promise<void> {
	await db.query(
		`update walls set prompt = $2, max_chars = $3, max_answers = $4, moderation = $5, upvotes = $6, sort = $7, visibility = $8
		 where id = $1`,
		[id, s.prompt, s.maxChars, s.maxAnswers, s.moderation, s.upvotes, s.sort, s.visibility]
	);
}

export async function setState(db: Queryable, id: string, state: PollState): Promise<void> {
	await db.query(
		`update walls set state = $2,
		   opened_at = case when $2 = 'open' then now() else opened_at end,
		   closed_at = case when $2 = 'closed' then now() else closed_at end
		 where id = $1`,
		[id, state]
	);
}

export async function setRevealed(db: Queryable, id: string, revealed: boolean): Promise<void> {
	await db.query('update walls set revealed = $2 where id = $1', [id, revealed]);
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
export async function insertAnswer(
	db: Queryable,
	a: { id: string; wallId: string; participantId: string; text: string; state: AnswerState; flagged: boolean }
): Promise<void> {
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
	const rows = await db.query<AnswerRow>(`select ${answerColumns} from wall_answers where wall_id = $1 order by ${orderBy.newest} limit $2`, [
		wallId,
		limit
	]);
	return rows.map(toAnswer);
}

/** Every answer, oldest first, for the export. */
export async function allAnswers(db: Queryable, wallId: string): Promise<AnswerRecord[]> {
	const rows = await db.query<AnswerRow>(`select ${answerColumns} from wall_answers where wall_id = $1 order by created_at, id`, [wallId]);
	return rows.map(toAnswer);
}

export async function answersBy(db: Queryable, wallId: string, participantId: string): Promise<AuthorAnswer[]> {
	return db.query<AuthorAnswer>('select id, text, state from wall_answers where wall_id = $1 and participant_id = $2 order by created_at, id', [
		wallId,
		participantId
	]);
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
export async function claimVoteSubmission(db: Queryable, submissionId: string, participantId: string, result: VoteResult): Promise<boolean> {
	const rows = await db.query(
		`insert into submissions (id, participant_id, kind, result) values ($1, $2, 'wall_vote', $3::text::jsonb)
		 on conflict (id) do nothing returning id`,
		[submissionId, participantId, JSON.stringify(result)]
	);
	return rows.length === 1;
}

export async function findVoteSubmission(
	db: Queryable,
	submissionId: string
): Promise<{ participantId: string; kind: string; result: VoteResult } | null> {
	const rows = await db.query<{ participant_id: string; kind: string; result: VoteResult | string }>(
		'select participant_id, kind, result from submissions where id = $1',
		[submissionId]
	);
	const r = rows[0];
	if (!r) return null;
	return { participantId: r.participant_id, kind: r.kind, result: typeof r.result === 'string' ? JSON.parse(r.result) : r.result };
}

/**
 * Sets (never toggles) one participant's upvote and moves the answer's counter by what actually
 * changed. Call with the answer row locked, so concurrent votes on it are serialised.
 */
export async function setVote(db: Queryable, answerId: string, participantId: string, value: 0 | 1): Promise<void> {
	if (value === 1) {
		await db.query('insert into participants (id) values ($1) on conflict (id) do nothing', [participantId]);
		await db.query(
			`with added as (
			   insert into wall_answer_votes (answer_id, participant_id) values ($1, $2) on conflict do nothing returning 1
			 )
			 update wall_answers set upvotes = upvotes + 1 where id = $1 and exists (select 1 from added)`,
			[answerId, participantId]
		);
	} else {
		await db.query(
			`with removed as (
			   delete from wall_answer_votes where answer_id = $1 and participant_id = $2 returning 1
			 )
			 update wall_answers set upvotes = upvotes - 1 where id = $1 and exists (select 1 from removed)`,
			[answerId, participantId]
		);
	}
}
