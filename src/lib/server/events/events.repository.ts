import type { EventInfo, SessionInfo } from '$lib/domain/events';
import type { StageState } from '$lib/domain/stage';
import type { IdentityMode, QaSettings } from '$lib/domain/qa';
import type { Queryable } from '../db/driver';

interface EventRow {
	id: string;
	name: string;
	join_code: string;
	languages: string[];
}

const toEvent = (r: EventRow): EventInfo => ({ id: r.id, name: r.name, joinCode: r.join_code, languages: r.languages });

export async function insertEvent(db: Queryable, e: EventInfo): Promise<boolean> {
	const rows = await db.query(
		`insert into events (id, name, join_code, languages) values ($1, $2, $3, $4)
		 on conflict (join_code) do nothing returning id`,
		[e.id, e.name, e.joinCode, e.languages]
	);
	return rows.length === 1;
}

export async function findEvent(db: Queryable, id: string): Promise<EventInfo | null> {
	const rows = await db.query<EventRow>('select id, name, join_code, languages from events where id = $1', [id]);
	return rows[0] ? toEvent(rows[0]) : null;
}

export async function findEventByCode(db: Queryable, code: string): Promise<EventInfo | null> {
	const rows = await db.query<EventRow>('select id, name, join_code, languages from events where join_code = $1', [code]);
	return rows[0] ? toEvent(rows[0]) : null;
}

export async function countEvents(db: Queryable): Promise<number> {
	const rows = await db.query<{ n: number }>('select count(*)::int as n from events');
	return rows[0].n;
}

export async function updateEvent(db: Queryable, id: string, name: string, languages: string[]): Promise<void> {
	await db.query('update events set name = $2, languages = $3 where id = $1', [id, name, languages]);
}

interface SessionRow {
	id: string;
	event_id: string;
	title: string;
	room: string;
	starts_at: Date | null;
	ends_at: Date | null;
	position: number;
	stage_mode: StageState['mode'];
	active_activity_id: string | null;
	stage_activity_id: string | null;
	qa_enabled: boolean;
	qa_premoderation: boolean;
	qa_identity: IdentityMode;
	qa_downvotes: boolean;
	qa_max_length: number;
}

interface SessionRecord extends SessionInfo {
	stage: StageState;
	/** The activity phones see (of any kind), or none. */
	activeActivityId: string | null;
	qa: QaSettings;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

const toSession = (r: SessionRow): SessionRecord => ({
	id: r.id,
	eventId: r.event_id,
	title: r.title,
	room: r.room,
	startsAt: iso(r.starts_at),
	endsAt: iso(r.ends_at),
	position: r.position,
	stage: { mode: r.stage_mode, activityId: r.stage_activity_id },
	activeActivityId: r.active_activity_id,
	qa: {
		enabled: r.qa_enabled,
		premoderation: r.qa_premoderation,
		identity: r.qa_identity,
		downvotes: r.qa_downvotes,
		maxLength: r.qa_max_length
	}
});

const sessionColumns = `id, event_id, title, room, starts_at, ends_at, position, stage_mode, active_activity_id, stage_activity_id,
	qa_enabled, qa_premoderation, qa_identity, qa_downvotes, qa_max_length`;

export async function insertSession(db: Queryable, s: Omit<SessionInfo, 'position'> & { position: number | null }): Promise<boolean> {
	const rows = await db.query(
		`insert into sessions (id, event_id, title, room, starts_at, ends_at, position)
		 values ($1, $2, $3, $4, $5, $6,
		   coalesce($7, (select coalesce(max(position) + 1, 0) from sessions where event_id = $2)))
		 on conflict (id) do nothing returning id`,
		[s.id, s.eventId, s.title, s.room, s.startsAt, s.endsAt, s.position]
	);
	return rows.length === 1;
}

export async function updateSession(db: Queryable, s: SessionInfo): Promise<void> {
	await db.query(`update sessions set title = $2, room = $3, starts_at = $4, ends_at = $5, position = $6 where id = $1`, [s.id, s.title, s.room, s.startsAt, s.endsAt, s.position]);
}

export async function findSession(db: Queryable, id: string): Promise<SessionRecord | null> {
	const rows = await db.query<SessionRow>(`select ${sessionColumns} from sessions where id = $1`, [id]);
	return rows[0] ? toSession(rows[0]) : null;
}

export async function listSessions(db: Queryable, eventId: string): Promise<SessionRecord[]> {
	const rows = await db.query<SessionRow>(`select ${sessionColumns} from sessions where event_id = $1 order by position, starts_at nulls last, created_at`, [eventId]);
	return rows.map(toSession);
}

export async function setStage(db: Queryable, sessionId: string, stage: StageState): Promise<void> {
	await db.query('update sessions set stage_mode = $2, stage_activity_id = $3 where id = $1', [sessionId, stage.mode, stage.activityId]);
}

/** Phones see one activity at a time, of any kind. */
export async function setActiveActivity(db: Queryable, sessionId: string, id: string | null): Promise<void> {
	await db.query('update sessions set active_activity_id = $2 where id = $1', [sessionId, id]);
}

export async function logAction(db: Queryable, entry: { eventId: string; sessionId: string | null; actorGrantId: string | null; action: string; details: unknown }): Promise<void> {
	await db.query(
		`insert into moderation_log (event_id, session_id, actor_grant_id, action, details)
		 values ($1, $2, $3, $4, $5::text::jsonb)`,
		[entry.eventId, entry.sessionId, entry.actorGrantId, entry.action, JSON.stringify(entry.details)]
	);
}
