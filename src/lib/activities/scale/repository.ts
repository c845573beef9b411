import { settingsReads, toActivity, type ActivityRow } from '$lib/server/activity/activity.repository';
import type { Queryable } from '$lib/server/db/driver';
import type { Activity } from '$lib/domain/activity';
import { DomainError } from '$lib/domain/errors';
import type { Ratings, ScaleSettings } from './domain';

/** The rating scale's SQL: its settings (`scales`) and one row of ratings per phone (`scale_responses`). */

export type Scale = Omit<Activity, 'kind'> & ScaleSettings;

interface Row extends ActivityRow {
	statements: string[] | string;
	min_value: number;
	max_value: number;
	low_label: string;
	high_label: string;
	allow_skip: boolean;
}

const toScale = (r: Row): Scale => {
	const { kind: _, ...activity } = toActivity(r);
	return {
		...activity,
		statements: typeof r.statements === 'string' ? JSON.parse(r.statements) : r.statements,
		min: r.min_value,
		max: r.max_value,
		lowLabel: r.low_label,
		highLabel: r.high_label,
		allowSkip: r.allow_skip
	};
};

const reads = settingsReads('scales', 'x.statements, x.min_value, x.max_value, x.low_label, x.high_label, x.allow_skip', toScale);
export const findScale = reads.find;
export const listScales = reads.list;

const settings = (id: string, s: ScaleSettings) => [id, JSON.stringify(s.statements), s.min, s.max, s.lowLabel, s.highLabel, s.allowSkip];

export async function insertScale(db: Queryable, id: string, s: ScaleSettings): Promise<void> {
	await db.query('insert into scales (id, statements, min_value, max_value, low_label, high_label, allow_skip) values ($1, $2::text::jsonb, $3, $4, $5, $6, $7)', settings(id, s));
}

export async function updateScale(db: Queryable, id: string, s: ScaleSettings): Promise<void> {
	await db.query('update scales set statements = $2::text::jsonb, min_value = $3, max_value = $4, low_label = $5, high_label = $6, allow_skip = $7 where id = $1', settings(id, s));
}

export async function clearRatings(db: Queryable, id: string): Promise<void> {
	await db.query('delete from scale_responses where scale_id = $1', [id]);
}

export async function countRespondents(db: Queryable, id: string): Promise<number> {
	return (await db.query<{ n: number }>('select count(*)::int as n from scale_responses where scale_id = $1', [id]))[0].n;
}

/** Ratings per statement (index from 0) and value (null: skipped), counted. */
export async function counts(db: Queryable, id: string): Promise<{ i: number; v: number | null; n: number }[]> {
	return db.query(
		`select (r.i - 1)::int as i, r.v::int as v, count(*)::int as n
		 from scale_responses s, unnest(s.ratings) with ordinality as r(v, i)
		 where s.scale_id = $1 group by r.i, r.v`,
		[id]
	);
}

/** Arrays with nulls come back unlike from the two drivers (NaN from one): as JSON they agree. */
const json = <T>(x: T | string): T => (typeof x === 'string' ? JSON.parse(x) : x);

export async function ratingsOf(db: Queryable, id: string, participantId: string): Promise<Ratings | null> {
	const rows = await db.query<{ ratings: Ratings | string }>('select to_jsonb(ratings) as ratings from scale_responses where scale_id = $1 and participant_id = $2', [
		id,
		participantId
	]);
	return rows[0] ? json(rows[0].ratings) : null;
}

/**
 * Stores a phone's ratings, replacing its earlier ones, once per submission id: the id is claimed
 * in `submissions`, so a retry (or a late duplicate of an older rating) changes nothing and says
 * 'retry'. The activity row is share-locked and must be open: a close or reset waits for this
 * commit, and no rating slips in after it.
 */
export async function rate(db: Queryable, r: { scaleId: string; participantId: string; ratings: Ratings; submissionId: string }): Promise<'stored' | 'retry'> {
	if ((await db.query('select 1 from submissions where id = $1', [r.submissionId])).length > 0) return 'retry';
	const open = await db.query<{ state: string }>('select state from activities where id = $1 for share', [r.scaleId]);
	if (open[0]?.state !== 'open') throw new DomainError('poll_not_open', 'This rating scale is not open.');
	const claimed = await db.query(`insert into submissions (id, participant_id, kind, result) values ($1, $2, 'scale', $3::text::jsonb) on conflict (id) do nothing returning id`, [
		r.submissionId,
		r.participantId,
		JSON.stringify({ activityId: r.scaleId, ratings: r.ratings })
	]);
	if (claimed.length === 0) return 'retry';
	await db.query('insert into participants (id) values ($1) on conflict (id) do nothing', [r.participantId]);
	await db.query(
		`insert into scale_responses (scale_id, participant_id, ratings, submission_id) values ($1, $2, $3::smallint[], $4)
		 on conflict (scale_id, participant_id) do update set ratings = excluded.ratings, submission_id = excluded.submission_id, updated_at = now()`,
		[r.scaleId, r.participantId, r.ratings, r.submissionId]
	);
	return 'stored';
}

/** The first result of a submission id: its participant, kind and what it stored. */
export async function submission(db: Queryable, id: string): Promise<{ participantId: string; kind: string; result: { activityId: string; ratings: Ratings } } | null> {
	const rows = await db.query<{ participant_id: string; kind: string; result: unknown }>('select participant_id, kind, result from submissions where id = $1', [id]);
	const r = rows[0];
	if (!r) return null;
	return { participantId: r.participant_id, kind: r.kind, result: (typeof r.result === 'string' ? JSON.parse(r.result) : r.result) as { activityId: string; ratings: Ratings } };
}

/** Every phone's ratings in the order they were first given, for the spreadsheet (no participant ids). */
export async function allRatings(db: Queryable, id: string): Promise<{ ratings: Ratings; updatedAt: Date | string }[]> {
	const rows = await db.query<{ ratings: Ratings | string; updated_at: Date | string }>(
		'select to_jsonb(ratings) as ratings, updated_at from scale_responses where scale_id = $1 order by created_at, submission_id',
		[id]
	);
	return rows.map((r) => ({ ratings: json(r.ratings), updatedAt: r.updated_at }));
}
