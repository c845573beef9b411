import type { Wordcloud, WordcloudSettings } from '$lib/domain/wordcloud';
import { settingsReads, toActivity, type ActivityRow } from '../activity/activity.repository';
import type { Queryable } from '../db/driver';

export type { Wordcloud };

interface Row extends ActivityRow {
	prompt: string;
	max_entries: number;
	max_chars: number;
	stemming: boolean;
	fold_diacritics: boolean;
}

const toCloud = (r: Row): Wordcloud => {
	const { kind: _, ...activity } = toActivity(r);
	return {
		...activity,
		prompt: r.prompt,
		maxEntries: r.max_entries,
		maxChars: r.max_chars,
		stemming: r.stemming,
		foldDiacritics: r.fold_diacritics
	};
};

type Settings = Omit<WordcloudSettings, 'visibility'>;

const settings = (id: string, c: Settings) => [id, c.prompt, c.maxEntries, c.maxChars, c.stemming, c.foldDiacritics];

/** A cloud's settings; its `activities` row is the kernel's. */
export async function insertCloud(db: Queryable, id: string, c: Settings): Promise<void> {
	await db.query('insert into wordclouds (id, prompt, max_entries, max_chars, stemming, fold_diacritics) values ($1, $2, $3, $4, $5, $6)', settings(id, c));
}

export async function updateCloud(db: Queryable, id: string, c: Settings): Promise<void> {
	await db.query('update wordclouds set prompt = $2, max_entries = $3, max_chars = $4, stemming = $5, fold_diacritics = $6 where id = $1', settings(id, c));
}

export async function clearEntries(db: Queryable, id: string): Promise<void> {
	await db.query('delete from wordcloud_entries where wordcloud_id = $1', [id]);
}

export interface StoredEntry {
	id: string;
	text: string;
	key: string;
	flagged: boolean;
}

export interface NewEntry {
	id: string;
	wordcloudId: string;
	participantId: string;
	text: string;
	language: string;
	key: string;
	flagged: boolean;
}

/**
 * Stores entries, however many, in two statements. An entry that is a retry (same id) or that its
 * participant already sent (same key) is not stored again: it returns the entry already stored and
 * counts nothing. The trigger enforces the open state and the per-participant limit; it fails the
 * whole statement, and so does an id taken by another participant (the write queue then retries
 * one by one). One participant's two entries with one key must not share a call (the caller checks).
 */
export async function insertEntries(db: Queryable, entries: NewEntry[]): Promise<{ entry: StoredEntry; fresh: boolean }[]> {
	const existing = await db.query<StoredEntry & { participant_id: string; wordcloud_id: string }>(
		`select e.id, e.text, e.key, e.flagged, e.participant_id, e.wordcloud_id from wordcloud_entries e
		 where e.id = any($1::uuid[])
		    or (e.wordcloud_id, e.participant_id, e.key) in (select * from unnest($2::uuid[], $3::uuid[], $4::text[]))`,
		[entries.map((e) => e.id), entries.map((e) => e.wordcloudId), entries.map((e) => e.participantId), entries.map((e) => e.key)]
	);
	const byId = new Map(existing.map((r) => [r.id, r]));
	const byKey = new Map(existing.map((r) => [`${r.wordcloud_id}:${r.participant_id}:${r.key}`, r]));
	const out = entries.map((e) => {
		const found = byId.get(e.id) ?? byKey.get(`${e.wordcloudId}:${e.participantId}:${e.key}`);
		if (found && found.participant_id !== e.participantId) throw Object.assign(new Error('entry_id_taken'), { code: 'P0001' });
		return found
			? { entry: { id: found.id, text: found.text, key: found.key, flagged: found.flagged }, fresh: false }
			: { entry: { id: e.id, text: e.text, key: e.key, flagged: e.flagged }, fresh: true };
	});
	const fresh = entries.filter((_, i) => out[i].fresh);
	if (fresh.length > 0) {
		await db.query(
			`with input as (
			   select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[])
			     as t(id, wordcloud_id, participant_id, text, language, key, flagged)
			 ), par as (
			   insert into participants (id) select distinct participant_id from input on conflict (id) do nothing
			 )
			 insert into wordcloud_entries (id, wordcloud_id, participant_id, text, language, key, flagged)
			 select id, wordcloud_id, participant_id, text, language, key, flagged::boolean from input`,
			[
				fresh.map((e) => e.id),
				fresh.map((e) => e.wordcloudId),
				fresh.map((e) => e.participantId),
				fresh.map((e) => e.text),
				fresh.map((e) => e.language),
				fresh.map((e) => e.key),
				fresh.map((e) => String(e.flagged)) // as text: postgres.js cannot send a boolean array
			]
		);
	}
	return out;
}

export async function myEntries(db: Queryable, wordcloudId: string, participantId: string): Promise<StoredEntry[]> {
	return db.query<StoredEntry>('select id, text, key, flagged from wordcloud_entries where wordcloud_id = $1 and participant_id = $2 order by created_at', [
		wordcloudId,
		participantId
	]);
}

/** Entry counts per key and spelling, flagged entries left out. Merges and hiding are applied by the caller. */
export async function spellings(db: Queryable, wordcloudId: string): Promise<{ key: string; text: string; n: number }[]> {
	return db.query<{ key: string; text: string; n: number }>(
		`select key, text, count(*)::int as n from wordcloud_entries where wordcloud_id = $1 and not flagged group by key, text`,
		[wordcloudId]
	);
}

export async function hidden(db: Queryable, wordcloudId: string): Promise<string[]> {
	return (await db.query<{ key: string }>('select key from wordcloud_hidden where wordcloud_id = $1', [wordcloudId])).map((r) => r.key);
}

export async function setHidden(db: Queryable, wordcloudId: string, key: string, hide: boolean): Promise<void> {
	if (hide) await db.query('insert into wordcloud_hidden (wordcloud_id, key) values ($1, $2) on conflict do nothing', [wordcloudId, key]);
	else await db.query('delete from wordcloud_hidden where wordcloud_id = $1 and key = $2', [wordcloudId, key]);
}

export async function merges(db: Queryable, wordcloudId: string): Promise<Record<string, string>> {
	const rows = await db.query<{ from_key: string; into_key: string }>('select from_key, into_key from wordcloud_merges where wordcloud_id = $1', [wordcloudId]);
	return Object.fromEntries(rows.map((r) => [r.from_key, r.into_key]));
}

export async function addMerge(db: Queryable, wordcloudId: string, from: string, into: string): Promise<void> {
	// Earlier merges into `from` now go to `into`, so chains stay one step long.
	await db.query('update wordcloud_merges set into_key = $3 where wordcloud_id = $1 and into_key = $2', [wordcloudId, from, into]);
	await db.query(
		`insert into wordcloud_merges (wordcloud_id, from_key, into_key) values ($1, $2, $3)
		 on conflict (wordcloud_id, from_key) do update set into_key = excluded.into_key`,
		[wordcloudId, from, into]
	);
	await db.query('delete from wordcloud_merges where wordcloud_id = $1 and from_key = into_key', [wordcloudId]);
}

/** Which of these clouds the participant has sent at least one entry to (for after-entry visibility). */
export async function entriesOf(db: Queryable, cloudIds: string[], participantId: string): Promise<Record<string, { id: string; text: string }[]>> {
	if (cloudIds.length === 0) return {};
	const rows = await db.query<{ wordcloud_id: string; id: string; text: string }>(
		`select wordcloud_id, id, text from wordcloud_entries where wordcloud_id = any($1::uuid[]) and participant_id = $2 order by created_at`,
		[cloudIds, participantId]
	);
	const out: Record<string, { id: string; text: string }[]> = {};
	for (const r of rows) (out[r.wordcloud_id] ??= []).push({ id: r.id, text: r.text });
	return out;
}

export interface ExportRow {
	id: string;
	created_at: Date | string;
	language: string;
	text: string;
	key: string;
	flagged: boolean;
}

export async function allEntries(db: Queryable, wordcloudId: string): Promise<ExportRow[]> {
	return db.query<ExportRow>('select id, created_at, language, text, key, flagged from wordcloud_entries where wordcloud_id = $1 order by created_at, id', [wordcloudId]);
}

const reads = settingsReads('wordclouds', 'x.prompt, x.max_entries, x.max_chars, x.stemming, x.fold_diacritics', toCloud);
export const findCloud = reads.find;
export const listClouds = reads.list;
