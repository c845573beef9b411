import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from './throttle';

describe('throttle', () => {
	beforeEach(() => void vi.useFakeTimers());
	afterEach(() => void vi.useRealTimers());

	it('runs the first request at once, then at most once per interval with one trailing run', () => {
		const fn = vi.fn();
		const t = throttle(fn, 1000);
		t.request();
		expect(fn).toHaveBeenCalledTimes(1);
		for (let i = 0; i < 10; i++) {
			vi.advanceTimersByTime(50);
			t.request();
		}
		expect(fn).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(499);
		expect(fn).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(1);
		expect(fn).toHaveBeenCalledTimes(2); // the trailing run, 1 s after the first
		vi.advanceTimersByTime(5000);
		expect(fn).toHaveBeenCalledTimes(2);
		t.request(); // quiet for long enough: at once again
		expect(fn).toHaveBeenCalledTimes(3);
	});

	it('is a throttle, not a debounce: a steady stream still runs every interval', () => {
		const fn = vi.fn();
		const t = throttle(fn, 1000);
		for (let i = 0; i < 50; i++) {
			t.request();
			vi.advanceTimersByTime(100);
		}
		expect(fn).toHaveBeenCalledTimes(6); // at 0, 1000, …, 5000 ms
	});

	it('cancel drops the pending trailing run', () => {
		const fn = vi.fn();
		const t = throttle(fn, 1000);
		t.request();
		t.request();
		t.cancel();
		vi.advanceTimersByTime(2000);
		expect(fn).toHaveBeenCalledTimes(1);
	});
});
