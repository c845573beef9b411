import type { Poll } from '$lib/domain/polls';
import type { Queryable } from '../db/driver';
import { findPoll } from './polls.repository';

/**
 * Poll definitions for the vote hot path. Every poll write invalidates its entry; the SQL trigger
 * stays the final word, so a stale entry can only produce a friendlier error, never a bad vote.
 */
export class PollCache {
	private polls = new Map<string, Promise<Poll | null>>();

	constructor(private readonly db: Queryable) {}

	get(id: string): Promise<Poll | null> {
		let p = this.polls.get(id);
		if (!p) {
			p = findPoll(this.db, id);
			this.polls.set(id, p);
			p.then(
				(v) => v === null && this.polls.delete(id),
				() => this.polls.delete(id)
			);
		}
		return p;
	}

	invalidate(id: string): void {
		this.polls.delete(id);
	}
}
