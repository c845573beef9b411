import { z } from 'zod';
import { DomainError } from './errors';

/** UUIDs in their canonical lower case, so one id never looks like two (cache keys, rooms). */
export const uuid = z.uuid({ message: 'must be a UUID' }).transform((s) => s.toLowerCase());

/** Parses untrusted input with a zod schema, turning failures into a 400 with readable issues. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const issues = result.error.issues.map((i) => ({
		path: i.path.map(String).join('.') || '(root)',
		message: i.message
	}));
	const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
	throw new DomainError('invalid_input', `Invalid input: ${summary}`, issues);
}
