import type { Db, Queryable } from './driver';

/** Jobs of one kind that can be written together: `many` writes a list and returns a result per item. */
type Many<I, T> = (tx: Queryable, items: I[]) => Promise<T[]>;

/**
 * For `many`: refuses a list in which some key repeats (the same submission id, or one phone's
 * two votes on one item). The queue then splits the list, so repeats are written apart, in order.
 */
export function requireDistinct<T>(items: T[], ...keys: ((item: T) => string)[]): void {
	for (const key of keys) {
		if (new Set(items.map(key)).size < items.length) throw new Error('a key repeats in one commit: written apart');
	}
}

/**
 * Filled by the queue with the number of the commit that stored a job: an acknowledgement carries
 * it, and every update carries the last commit number read before it, so a client (the bench) knows
 * exactly which update first includes its action.
 */
export interface Receipt {
	seq: number;
}

type Job = {
	run: (tx: Queryable) => Promise<unknown>;
	receipt?: Receipt;
	/** Runs right after the commit, before anyone hears of it, in the order the jobs ran. */
	committed?: (value: unknown) => void;
	/** Set for jobs that can share one statement with others of their kind. */
	shared?: { kind: string; item: unknown; many: Many<unknown, unknown> };
	resolve: (v: unknown) => void;
	reject: (e: unknown) => void;
};

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit: jobs that arrive together share one transaction, so 2,000 votes cost a handful
 * of commits instead of 2,000. Jobs of one kind (votes) share one statement too: a vote storm is a
 * few multi-row inserts, not thousands of round trips. When such a statement fails (a vote on a
 * closed poll, say), its jobs are tried again in halves, down to one job in its own savepoint, so
 * one job's error rolls back only that job. Every promise settles after the commit, so an acknowledgement always
 * means "durably written".
 */
export class WriteQueue {
	private pending: Job[] = [];
	private failedCommitListeners: (() => void)[] = [];
	private flushing: Promise<void> | null = null;
	private closed = false;
	/**
	 * Commits are numbered in order. The first number is the start time in microseconds, so the
	 * numbers keep growing across a restart (no process commits a million times a second).
	 */
	private seq = Date.now() * 1000;

	constructor(
		private readonly db: Db,
		private readonly maxBatch = 1000
	) {}

	/**
	 * Runs `job` in the next commit. `committed` sees its result once durable, synchronously and in
	 * the order the jobs of the commit ran: in-memory state kept beside the database (the tally
	 * counters) follows the database's own order.
	 */
	run<T>(job: (tx: Queryable) => Promise<T>, committed?: (value: T) => void, receipt?: Receipt): Promise<T> {
		return this.enqueue({ run: job, committed: committed as Job['committed'], receipt }) as Promise<T>;
	}

	/** Like `run`, for jobs that `many` can write together with the others of `kind` in the same commit. */
	runShared<I, T>(kind: string, item: I, many: Many<I, T>, committed?: (value: T) => void, receipt?: Receipt): Promise<T> {
		const m = many as Many<unknown, unknown>;
		return this.enqueue({ run: async (tx) => (await m(tx, [item]))[0], shared: { kind, item, many: m }, committed: committed as Job['committed'], receipt }) as Promise<T>;
	}

	/** The number of the last commit: everything it and the commits before it stored is visible to reads started from now on. */
	get committedSeq(): number {
		return this.seq;
	}

	private enqueue(job: Pick<Job, 'run' | 'shared' | 'committed' | 'receipt'>): Promise<unknown> {
		if (this.closed) return Promise.reject(new Error('The write queue is shut down.'));
		return new Promise((resolve, reject) => {
			this.pending.push({ ...job, resolve, reject });
			if (!this.flushing) this.flushing = this.drain();
		});
	}

	/** Called when a commit fails: its outcome is unknown, so in-memory state must be read again. */
	onFailedCommit(listener: () => void): void {
		this.failedCommitListeners.push(listener);
	}

	/** Waits for every queued job to settle, then refuses new ones (graceful shutdown). */
	async close(): Promise<void> {
		this.closed = true;
		while (this.flushing) await this.flushing;
	}

	private async drain(): Promise<void> {
		// Yield once so that jobs arriving in the same tick join the first batch.
		await new Promise((r) => setImmediate(r));
		try {
			while (this.pending.length > 0) {
				const batch = this.pending.splice(0, this.maxBatch);
				await this.commit(batch);
			}
		} finally {
			this.flushing = null;
		}
	}

	private async commit(batch: Job[]): Promise<void> {
		const outcomes = new Map<Job, Outcome>(); // in the order the jobs ran
		try {
			await this.db.transaction(async (tx) => {
				const alone = (job: Job) =>
					tx
						.savepoint((sp) => job.run(sp))
						.then(
							(value) => outcomes.set(job, { ok: true, value }),
							(error) => outcomes.set(job, { ok: false, error })
						);
				// A shared statement that fails is tried again in halves, down to single jobs: one refused
				// job among a thousand costs a few dozen statements, not a thousand savepoints.
				const together = async (group: Job[]): Promise<void> => {
					if (group.length === 1) return void (await alone(group[0]));
					const { many } = group[0].shared!;
					const values = await tx
						.savepoint((sp) =>
							many(
								sp,
								group.map((j) => j.shared!.item)
							)
						)
						.catch(() => null);
					if (values) {
						group.forEach((job, i) => outcomes.set(job, { ok: true, value: values[i] }));
						return;
					}
					const half = Math.ceil(group.length / 2);
					await together(group.slice(0, half));
					await together(group.slice(half));
				};
				for (const group of groups(batch)) await together(group);
			});
		} catch (error) {
			// The commit itself failed: nobody gets a success. (If the connection broke during the
			// commit, the batch may be durable after all: state kept beside the database is told,
			// and it gets a number, so reads from now on are not taken for older than it.)
			this.seq++;
			for (const listener of this.failedCommitListeners) listener();
			for (const job of batch) job.reject(error);
			return;
		}
		// Numbered before the in-memory state follows, in the same synchronous step: a read that
		// takes the number after this line also sees the counters the callbacks below update.
		const seq = ++this.seq;
		for (const job of batch) if (job.receipt && outcomes.get(job)?.ok) job.receipt.seq = Math.max(job.receipt.seq, seq);
		for (const [job, o] of outcomes) {
			if (!o.ok || !job.committed) continue;
			try {
				job.committed(o.value);
			} catch (e) {
				console.error('after-commit step failed', e);
			}
		}
		for (const job of batch) {
			const o = outcomes.get(job)!;
			if (o.ok) job.resolve(o.value);
			else job.reject(o.error);
		}
	}
}

/** The batch in arrival order, with the shared jobs of each kind gathered at the first of them. */
function groups(batch: Job[]): Job[][] {
	const out: Job[][] = [];
	const byKind = new Map<string, Job[]>();
	for (const job of batch) {
		if (!job.shared) {
			out.push([job]);
			continue;
		}
		let g = byKind.get(job.shared.kind);
		if (!g) {
			g = [];
			byKind.set(job.shared.kind, g);
			out.push(g);
		}
		g.push(job);
	}
	return out;
}
