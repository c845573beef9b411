import { m } from '$lib/paraglide/messages.js';

/** Server error codes in the reader's language. */
export function errorMessage(code: string | null | undefined): string {
	switch (code) {
		case 'poll_not_open':
			return m.error_poll_not_open();
		case 'rate_limited':
			return m.error_rate_limited();
		case 'forbidden':
			return m.error_forbidden();
		case 'not_found':
			return m.error_not_found();
		case 'invalid_input':
			return m.error_invalid_input();
		case 'conflict':
			return m.error_conflict();
		default:
			return m.error_unavailable();
	}
}
