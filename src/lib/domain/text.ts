import { z } from 'zod';

/**
 * Text people type: trimmed, bounded, and free of control characters (NUL and friends are not
 * valid in PostgreSQL text; tabs and line breaks are fine). Rendered escaped everywhere.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const plainText = (what: string, max: number) =>
	z
		.string({ message: `${what} must be text` })
		.trim()
		.max(max, `${what} must be at most ${max} characters`)
		.refine((s) => !CONTROL.test(s), `${what} must not contain control characters`);
