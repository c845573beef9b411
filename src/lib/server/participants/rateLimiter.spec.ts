import { describe, expect, it } from 'vitest';
import { DomainError } from '$lib/domain/errors';
import { RateLimiter } from './rateLimiter';

function clock(start = 1_000_000) {
	let t = start;
	return { now: () => t, advance: (ms: number) => (t += ms) };
}

function refusal(fn: () => void): DomainError {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(DomainError);
		return e as DomainError;
	}
	expect.fail('expected rate_limited');
}

describe('RateLimiter', () => {
	it('allows a burst, then refuses with rate_limited (429)', () => {
		const c = clock();
		const limiter = new RateLimiter(2, 3, c.now);
		for (let i = 0; i < 3; i++) expect(() => limiter.take('p1')).not.toThrow();
		const e = refusal(() => limiter.take('p1', 'votes'));
		expect(e.code).toBe('rate_limited');
		expect(e.status).toBe(429);
		expect(e.message).toBe('Too many votes: please wait a moment and try again.');
	});

	it('names requests by default', () => {
		const limiter = new RateLimiter(1, 1, clock().now);
		limiter.take('p1');
		expect(refusal(() => limiter.take('p1')).message).toMatch(/^Too many requests/);
	});

	it('refills at the given rate, including fractions of a token', () => {
		const c = clock();
		const limiter = new RateLimiter(2, 3, c.now);
		for (let i = 0; i < 3; i++) limiter.take('p1');
		c.advance(250); // half a token
		expect(refusal(() => limiter.take('p1')).code).toBe('rate_limited');
		c.advance(250); // the second half: one token
		expect(() => limiter.take('p1')).not.toThrow();
		expect(refusal(() => limiter.take('p1')).code).toBe('rate_limited');
	});

	it('a refused request costs nothing', () => {
		const c = clock();
		const limiter = new RateLimiter(1, 1, c.now);
		limiter.take('p1');
		for (let i = 0; i < 5; i++) expect(() => limiter.take('p1')).toThrow(DomainError);
		c.advance(1000);
		expect(() => limiter.take('p1')).not.toThrow();
	});

	it('never holds more than the burst, however long the key was idle', () => {
		const c = clock();
		const limiter = new RateLimiter(10, 4, c.now);
		limiter.take('p1');
		c.advance(3_600_000);
		for (let i = 0; i < 4; i++) limiter.take('p1');
		expect(refusal(() => limiter.take('p1')).code).toBe('rate_limited');
	});

	it('keeps a separate bucket per key', () => {
		const c = clock();
		const limiter = new RateLimiter(1, 2, c.now);
		limiter.take('ip:1');
		limiter.take('ip:1');
		expect(() => limiter.take('ip:1')).toThrow(DomainError);
		expect(() => limiter.take('ip:2')).not.toThrow();
		expect(() => limiter.take('ip:2')).not.toThrow();
	});

	it('sweeps idle full buckets once it tracks more than 50,000 keys', () => {
		const c = clock();
		const limiter = new RateLimiter(1, 2, c.now);
		const size = () => (limiter as unknown as { buckets: Map<string, unknown> }).buckets.size;
		for (let i = 0; i < 50_000; i++) limiter.take(`k${i}`);
		expect(size()).toBe(50_000);
		c.advance(2_000); // every earlier bucket is full again
		limiter.take('fresh');
		expect(size()).toBe(1);
		// A swept key starts again with a full burst.
		limiter.take('k0');
		limiter.take('k0');
		expect(() => limiter.take('k0')).toThrow(DomainError);
	});
});
