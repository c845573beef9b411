import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError } from './errors';
import { parse } from './validate';

const schema = z.strictObject({
	name: z.string().trim().min(1, 'name must not be empty'),
	tags: z.array(z.string().max(3, 'too long')).default([]),
	nested: z.object({ n: z.number() }).optional()
});

function failure(s: z.ZodType, input: unknown): DomainError {
	try {
		parse(s, input);
	} catch (e) {
		expect(e).toBeInstanceOf(DomainError);
		return e as DomainError;
	}
	expect.fail('parse should have thrown');
}

describe('parse', () => {
	it('returns the parsed output, with defaults and transforms applied', () => {
		expect(parse(schema, { name: '  Ada ' })).toEqual({ name: 'Ada', tags: [] });
	});

	it('throws invalid_input (400) with one issue per problem and its path', () => {
		const e = failure(schema, { name: ' ', tags: ['ok', 'toolong'], nested: { n: 'x' } });
		expect(e.code).toBe('invalid_input');
		expect(e.status).toBe(400);
		expect(e.issues).toEqual([
			{ path: 'name', message: 'name must not be empty' },
			{ path: 'tags.1', message: 'too long' },
			{ path: 'nested.n', message: expect.any(String) }
		]);
	});

	it('summarises the issues in the message', () => {
		const e = failure(schema, { name: '', tags: ['long!'] });
		expect(e.message).toBe('Invalid input: name: name must not be empty; tags.0: too long');
	});

	it('names the root when the input itself is wrong', () => {
		const e = failure(schema, 'not an object');
		expect(e.issues).toEqual([{ path: '(root)', message: expect.any(String) }]);
		expect(e.message).toMatch(/^Invalid input: \(root\): /);
	});

	it('reports unknown keys of strict objects at the root', () => {
		const e = failure(schema, { name: 'Ada', admin: true });
		expect(e.issues).toHaveLength(1);
		expect(e.issues![0].path).toBe('(root)');
		expect(e.issues![0].message).toContain('admin');
	});

	it('works for non-object schemas', () => {
		expect(parse(z.uuid(), '1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b')).toBe('1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b');
		expect(failure(z.uuid({ message: 'must be a UUID' }), 'nope').issues).toEqual([{ path: '(root)', message: 'must be a UUID' }]);
	});
});
