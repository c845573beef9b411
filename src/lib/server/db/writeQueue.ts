import type { Db, Queryable } from './driver';

type Job<T> = {
	run: (tx: Queryable) => Promise<T>;
	resolve: (v: T) => void;
	reject: (e: unknown) => void;
};

/**
 * Group commit: jobs that arrive together share one transaction, so 2,000 votes cost a handful
 * of commits instead of 2,000. Each job runs inside its own savepoint: one job's error (a closed
 * poll, say) rolls back only that job. Every promise settles after the commit, so an
 * acknowledgement always means "durably written".
 */
export class WriteQueue {
	private pending: Job<unknown>[] = [];
	private flushing: Promise<void> | null = null;
	private closed = false;

	constructor(
		private readonly db: Db,
		private readonly maxBatch = 500
	) {}

	run<T>(job: (tx: Queryable) => Promise<T>): Promise<T> {
		if (this.closed) return Promise.reject(new Error('The write queue is shut down.'));
		return new Promise<T>((resolve, reject) => {
			this.pending.push({ run: job, resolve, reject } as Job<unknown>);
			if (!this.flushing) this.flushing = this.drain();
		});
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

	private async commit(batch: Job<unknown>[]): Promise<void> {
		const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
		try {
			await this.db.transaction(async (tx) => {
				for (const job of batch) {
					try {
						outcomes.push({ ok: true, value: await tx.savepoint((sp) => job.run(sp)) });
					} catch (error) {
						outcomes.push({ ok: false, error });
					}
				}
			});
		} catch (error) {
			// The commit itself failed: nothing in the batch is durable, so nobody gets a success.
			for (const job of batch) job.reject(error);
			return;
		}
		batch.forEach((job, i) => {
			const o = outcomes[i];
			if (o.ok) job.resolve(o.value);
			else job.reject(o.error);
		});
	}
}
