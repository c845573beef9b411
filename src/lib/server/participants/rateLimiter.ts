import { DomainError } from '$lib/domain/errors';

/**
 * Token buckets per key (participant, IP). Memory stays bounded: idle full buckets are swept.
 * Generous by design: a whole conference hall may sit behind one NAT address.
 */
export class RateLimiter {
	private buckets = new Map<string, { tokens: number; at: number }>();

	constructor(
		private readonly perSecond: number,
		private readonly burst: number,
		private readonly now: () => number = Date.now
	) {}

	take(key: string, what = 'requests'): void {
		const t = this.now();
		const b = this.buckets.get(key) ?? { tokens: this.burst, at: t };
		b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) / 1000) * this.perSecond);
		b.at = t;
		if (b.tokens < 1) {
			this.buckets.set(key, b);
			throw new DomainError('rate_limited', `Too many ${what}: please wait a moment and try again.`);
		}
		b.tokens -= 1;
		this.buckets.set(key, b);
		if (this.buckets.size > 50_000) this.sweep();
	}

	private sweep(): void {
		const t = this.now();
		for (const [k, b] of this.buckets) {
			if (b.tokens + ((t - b.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(k);
		}
	}
}
