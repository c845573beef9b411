import type { Activity, ActivityState, Visibility } from '$lib/domain/activity';
import type { Queryable } from '../db/driver';

/**
 * The `activities` supertable: one row per activity of any kind, holding what the kernel owns
 * (lifecycle, visibility, order). A format's repository joins its settings table to it with
 * `activityColumns` and `fromActivities`.
 */

export interface ActivityRow {
	id: string;
	session_id: string;
	kind: string;
	state: ActivityState;
	visibility: Visibility;
	revealed: boolean;
	position: number;
}

/** The kernel's columns, for a format's select over `<its table> x join activities a on a.id = x.id`. */
export const activityColumns = 'a.id, a.session_id, a.kind, a.state, a.visibility, a.revealed, a.position';

export const toActivity = (r: ActivityRow): Activity => ({
	id: r.id,
	sessionId: r.session_id,
	kind: r.kind,
	state: r.state,
	visibility: r.visibility,
	revealed: r.revealed,
	position: r.position
});

/** The id comes from the client, so a retried create inserts nothing and says so. New activities go last. */
export async function insertActivity(db: Queryable, a: Pick<Activity, 'id' | 'sessionId' | 'kind' | 'visibility'>): Promise<boolean> {
	const rows = await db.query(
		`insert into activities (id, session_id, kind, visibility, position)
		 values ($1, $2, $3, $4, (select coalesce(max(position) + 1, 0) from activities where session_id = $2))
		 on conflict (id) do nothing returning id`,
		[a.id, a.sessionId, a.kind, a.visibility]
	);
	return rows.length === 1;
}

/** `lock` holds the row until the commit: the kernel decides on it, responses wait (see the triggers). */
export async function findActivity(db: Queryable, id: string, lock = false): Promise<Activity | null> {
	const rows = await db.query<ActivityRow>(`select ${activityColumns} from activities a where a.id = $1${lock ? ' for update' : ''}`, [id]);
	return rows[0] ? toActivity(rows[0]) : null;
}

export async function listActivities(db: Queryable, sessionId: string): Promise<Activity[]> {
	const rows = await db.query<ActivityRow>(`select ${activityColumns} from activities a where a.session_id = $1 order by a.position, a.created_at`, [sessionId]);
	return rows.map(toActivity);
}

export async function setState(db: Queryable, id: string, state: ActivityState): Promise<void> {
	await db.query(
		`update activities set state = $2,
		   opened_at = case when $2 = 'open' then now() else opened_at end,
		   closed_at = case when $2 = 'closed' then now() else closed_at end
		 where id = $1`,
		[id, state]
	);
}

export async function setRevealed(db: Queryable, id: string, revealed: boolean): Promise<void> {
	await db.query('update activities set revealed = $2 where id = $1', [id, revealed]);
}

/** Only an activity that stays hidden keeps its reveal; one made hidden starts unrevealed. */
export async function setVisibility(db: Queryable, id: string, visibility: Visibility): Promise<void> {
	await db.query(`update activities set visibility = $2, revealed = case when $2 = 'hidden' and visibility = 'hidden' then revealed else false end where id = $1`, [
		id,
		visibility
	]);
}

/** Its settings and responses go with it (foreign keys cascade); the session's pointers are cleared. */
export async function deleteActivity(db: Queryable, id: string): Promise<void> {
	await db.query('delete from activities where id = $1', [id]);
}

export async function setPositions(db: Queryable, sessionId: string, ids: string[]): Promise<void> {
	await db.query(
		`update activities a set position = o.ord - 1
		 from unnest($2::uuid[]) with ordinality as o(id, ord)
		 where a.id = o.id and a.session_id = $1`,
		[sessionId, ids]
	);
}

/**
 * A format's reads of its activities: its settings table joined to `activities`, one activity by
 * id and a session's in order. `columns` are the settings table's (alias `x`).
 */
export function settingsReads<Row extends ActivityRow, T>(table: string, columns: string, map: (r: Row) => T) {
	const select = `select ${activityColumns}, ${columns} from ${table} x join activities a on a.id = x.id`;
	return {
		async find(db: Queryable, id: string): Promise<T | null> {
			const rows = await db.query<Row>(`${select} where x.id = $1`, [id]);
			return rows[0] ? map(rows[0]) : null;
		},
		async list(db: Queryable, sessionId: string): Promise<T[]> {
			return (await db.query<Row>(`${select} where a.session_id = $1 order by a.position, a.created_at`, [sessionId])).map(map);
		}
	};
}
