/**
 * Exponential backoff for an outbox that must eventually get through: 1 s, 2 s, 4 s … up to 15 s.
 * One pending timer at a time; `reset()` after a success.
 */
export class Retry {
	private timer: ReturnType<typeof setTimeout> | null = null;
	private delayMs = 1000;

	constructor(private readonly run: () => void) {}

	later(): void {
		if (this.timer) return;
		this.timer = setTimeout(() => {
			this.timer = null;
			this.run();
		}, this.delayMs);
		this.delayMs = Math.min(this.delayMs * 2, 15_000);
	}

	reset(): void {
		this.delayMs = 1000;
	}
}
