/**
 * At most one call of `fn` per `ms`: the first at once, later ones at the end of the interval
 * (one trailing call however many requests came in, so the last change always lands). `fn`
 * should read the latest state itself, since requests carry no arguments.
 */
export function throttle(fn: () => void, ms: number): { request(): void; cancel(): void } {
	let last = -Infinity;
	let timer: ReturnType<typeof setTimeout> | null = null;
	const fire = () => {
		timer = null;
		last = Date.now();
		fn();
	};
	return {
		request() {
			if (timer !== null) return;
			const wait = last + ms - Date.now();
			if (wait <= 0) fire();
			else timer = setTimeout(fire, wait);
		},
		cancel() {
			if (timer !== null) clearTimeout(timer);
			timer = null;
		}
	};
}
