import * as profanity from '$lib/domain/moderation/profanity';
import type { Queryable } from '../db/driver';
import { defaultEdits } from './profanityDefaults';
import { baseLists } from './profanityLists';
import { profanityEdits } from './profanity.repository';

/**
 * One compiled profanity matcher per event: the base lists of the event's languages, minus the
 * reviewed default removals, plus the event's own edits. Cached per process; forgotten when the
 * event's edits or languages change. (With several server nodes each keeps its own cache: an edit
 * on one node reaches the others after their restart. Good enough until the multi-node issue.)
 */
const matchers = new Map<string, Promise<profanity.ProfanityMatcher>>();

export function matcherFor(db: Queryable, eventId: string, languages: string[]): Promise<profanity.ProfanityMatcher> {
	let m = matchers.get(eventId);
	if (!m) {
		// Only the event's languages: every extra list adds false positives (Spanish "ano" flags "año").
		m = profanityEdits(db, eventId).then((edits) => profanity.compile(profanity.effectiveTerms(baseLists(), languages, [...defaultEdits(), ...edits])));
		m.catch(() => matchers.delete(eventId));
		matchers.set(eventId, m);
	}
	return m;
}

export function forgetMatcher(eventId: string): void {
	matchers.delete(eventId);
}
