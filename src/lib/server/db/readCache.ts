/**
 * Shared reads for the join wave: two thousand phones asking for the same session within seconds
 * share one read instead of making two thousand. An entry lives until the write that makes it stale
 * forgets it (the same calls that trigger broadcasts), so a cached read is never older than what
 * connected clients already see. Concurrent callers share the read in flight; failures and
 * not-found results are not kept, so unknown ids cannot grow the cache.
 */
export class ReadCache {
	private entries = new Map<string, Promise<unknown>>();

	get<T>(key: string, read: () => Promise<T>): Promise<T> {
		const hit = this.entries.get(key);
		if (hit) return hit as Promise<T>;
		const p = read();
		this.entries.set(key, p);
		const drop = () => {
			if (this.entries.get(key) === p) this.entries.delete(key);
		};
		p.then((v) => v === null && drop(), drop);
		return p;
	}

	forget(key: string): void {
		this.entries.delete(key);
	}

	clear(): void {
		this.entries.clear();
	}
}
