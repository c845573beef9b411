import type { WriteQueue } from '../db/writeQueue';
import { tally } from './polls.repository';

interface Counter {
	voters: number;
	counts: Map<string, number>;
}

export interface TallyRows {
	voters: number;
	rows: { optionId: string; n: number }[];
}

const rowsOf = (c: Counter): TallyRows => ({ voters: c.voters, rows: [...c.counts].map(([optionId, n]) => ({ optionId, n })) });

/**
 * Each poll's counts, kept in memory so a tally tick costs nothing however many have voted (a
 * database read grows with the votes: 6 ms at 5,000, 12 ms at 10,000, every tick). A poll's
 * counter is read from the database the first time it is needed (so after a restart too), through
 * the write queue, and then moved by every committed vote in commit order. Any other write to a
 * poll (reset, edit, delete) forgets the counter; a read still under way when that happens is not
 * kept. One server holds the counters: several nodes would need them in the database or Redis.
 */
export class TallyCounters {
	private counters = new Map<string, Counter>();
	private loading = new Map<string, Promise<Counter>>();
	private generations = new Map<string, number>();

	constructor(private readonly queue: WriteQueue) {
		// A commit that failed may have landed (a connection lost during COMMIT): count again.
		queue.onFailedCommit(() => {
			for (const pollId of [...this.counters.keys(), ...this.loading.keys()]) this.forget(pollId);
		});
	}

	/** The counts now, reading them from the database first if needed. */
	async get(pollId: string): Promise<TallyRows> {
		return this.peek(pollId) ?? rowsOf(await this.load(pollId));
	}

	/** The counts now, if they are in memory. */
	peek(pollId: string): TallyRows | null {
		const c = this.counters.get(pollId);
		return c ? rowsOf(c) : null;
	}

	/** A committed vote: `previous` is what it replaced (null for a first vote). */
	apply(pollId: string, previous: string[] | null, next: string[]): void {
		const c = this.counters.get(pollId);
		if (!c) return; // not loaded: the first read will include this vote
		if (previous === null) c.voters++;
		for (const o of previous ?? []) c.counts.set(o, (c.counts.get(o) ?? 0) - 1);
		for (const o of next) c.counts.set(o, (c.counts.get(o) ?? 0) + 1);
	}

	forget(pollId: string): void {
		this.counters.delete(pollId);
		this.loading.delete(pollId);
		this.generations.set(pollId, (this.generations.get(pollId) ?? 0) + 1);
	}

	private load(pollId: string): Promise<Counter> {
		let p = this.loading.get(pollId);
		if (p) return p;
		const generation = this.generations.get(pollId) ?? 0;
		p = this.queue.run(
			async (tx) => {
				const t = await tally(tx, pollId);
				return { voters: t.voters, counts: new Map(t.rows.map((r) => [r.optionId, r.n])) };
			},
			// In commit order with the votes: a vote committed before this read is in it, one after is applied to it.
			(c) => {
				if (this.generations.get(pollId) === generation) this.counters.set(pollId, c);
			}
		);
		this.loading.set(pollId, p);
		const done = () => {
			if (this.loading.get(pollId) === p) this.loading.delete(pollId);
		};
		p.then(done, done);
		return p;
	}
}
