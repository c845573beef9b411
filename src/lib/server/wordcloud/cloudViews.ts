import type { Wordcloud } from '$lib/domain/wordcloud';
import { groupsFromCounts } from '$lib/domain/wordcloudGroups';
import type { CloudGroups, CloudWord } from '$lib/realtime/protocol';
import type { Queryable } from '../db/driver';
import * as repo from './wordcloud.repository';

/** A cloud shows its top 100 groups: more is unreadable on a projector and slow to lay out. */
export const MAX_WORDS = 100;

/** The cloud's groups after merges and hides: what everyone may see (`shown`) and what moderators hid. */
export async function groupsOf(db: Queryable, cloudId: string) {
	const [rows, merges, hidden] = await Promise.all([repo.spellings(db, cloudId), repo.merges(db, cloudId), repo.hidden(db, cloudId)]);
	return groupsFromCounts(rows, merges, new Set(hidden));
}

const word = ({ key, display, count }: CloudWord): CloudWord => ({ key, display, count });

/**
 * The one place that decides what each role receives of a cloud: moderators everything (with the
 * hidden groups), `full` for whoever may see results, `dark` (no words) for the others.
 */
export async function cloudPayloads(db: Queryable, cloud: Wordcloud, version: number) {
	const g = await groupsOf(db, cloud.id);
	const entries = g.shown.reduce((n, x) => n + x.count, 0) + g.hidden.reduce((n, x) => n + x.count, 0);
	const words = g.shown.slice(0, MAX_WORDS).map(word);
	const full: CloudGroups = { cloudId: cloud.id, version, entries, words };
	return {
		full,
		dark: { ...full, words: null } satisfies CloudGroups,
		moderator: { ...full, hidden: g.hidden.map(word) } satisfies CloudGroups
	};
}
