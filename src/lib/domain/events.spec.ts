import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { eventInput, sessionInput } from './events';

function pathsOf(schema: z.ZodType, input: unknown): string[] {
	const r = schema.safeParse(input);
	expect(r.success).toBe(false);
	return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
}

describe('eventInput', () => {
	it('trims the name and defaults the languages to English', () => {
		expect(eventInput.parse({ name: '  DevConf 2026 ' })).toEqual({ name: 'DevConf 2026', languages: ['en'] });
	});

	it('accepts the supported languages', () => {
		expect(eventInput.parse({ name: 'X', languages: ['lt', 'en'] }).languages).toEqual(['lt', 'en']);
	});

	it('rejects an empty or whitespace name', () => {
		expect(pathsOf(eventInput, { name: '' })).toEqual(['name']);
		expect(pathsOf(eventInput, { name: '   ' })).toEqual(['name']);
		expect(pathsOf(eventInput, {})).toEqual(['name']);
	});

	it('limits the name to 200 characters after trimming', () => {
		expect(eventInput.parse({ name: ` ${'n'.repeat(200)} ` }).name).toHaveLength(200);
		const r = eventInput.safeParse({ name: 'n'.repeat(201) });
		expect(r.error?.issues[0]).toMatchObject({ path: ['name'], message: 'name must be at most 200 characters' });
	});

	it('rejects unsupported, empty and overlong language lists', () => {
		expect(pathsOf(eventInput, { name: 'X', languages: ['tr'] })).toEqual(['languages.0']);
		expect(pathsOf(eventInput, { name: 'X', languages: [] })).toEqual(['languages']);
		expect(pathsOf(eventInput, { name: 'X', languages: Array(11).fill('en') })).toEqual(['languages']);
		expect(pathsOf(eventInput, { name: 'X', languages: 'en' })).toEqual(['languages']);
	});

	it('rejects unknown keys', () => {
		const r = eventInput.safeParse({ name: 'X', joinCode: 'ABC234' });
		expect(r.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['joinCode'] });
	});
});

describe('sessionInput', () => {
	it('needs only a title; the room defaults to empty', () => {
		expect(sessionInput.parse({ title: 'Keynote' })).toEqual({ title: 'Keynote', room: '' });
	});

	it('trims title and room', () => {
		expect(sessionInput.parse({ title: ' Keynote ', room: '  Hall A ' })).toMatchObject({ title: 'Keynote', room: 'Hall A' });
	});

	it('limits the title to 200 and the room to 100 characters', () => {
		expect(sessionInput.parse({ title: 't'.repeat(200), room: 'r'.repeat(100) })).toMatchObject({
			title: 't'.repeat(200),
			room: 'r'.repeat(100)
		});
		expect(pathsOf(sessionInput, { title: 't'.repeat(201) })).toEqual(['title']);
		expect(pathsOf(sessionInput, { title: 'T', room: 'r'.repeat(101) })).toEqual(['room']);
		expect(pathsOf(sessionInput, { title: '  ' })).toEqual(['title']);
	});

	it('parses ISO date-times into Dates, honouring the offset', () => {
		const s = sessionInput.parse({ title: 'T', startsAt: '2026-05-01T10:00:00+02:00', endsAt: '2026-05-01T09:30:00Z' });
		expect(s.startsAt).toEqual(new Date('2026-05-01T08:00:00Z'));
		expect(s.endsAt).toEqual(new Date('2026-05-01T09:30:00Z'));
	});

	it('accepts null times (cleared) and leaves absent times undefined', () => {
		const s = sessionInput.parse({ title: 'T', startsAt: null, endsAt: null });
		expect(s.startsAt).toBeNull();
		expect(s.endsAt).toBeNull();
		expect(sessionInput.parse({ title: 'T' }).startsAt).toBeUndefined();
	});

	it.each(['2026-05-01', 'tomorrow', '2026-13-01T10:00:00Z', 1746086400000])('rejects the time %j', (startsAt) => {
		expect(pathsOf(sessionInput, { title: 'T', startsAt })).toEqual(['startsAt']);
	});

	it('rejects endsAt before startsAt, on the endsAt field', () => {
		const r = sessionInput.safeParse({ title: 'T', startsAt: '2026-05-01T10:00:00Z', endsAt: '2026-05-01T09:59:59Z' });
		expect(r.success).toBe(false);
		expect(r.error?.issues).toEqual([expect.objectContaining({ path: ['endsAt'], message: 'endsAt must not be before startsAt' })]);
	});

	it('allows a session that ends when it starts, or has only one of the two times', () => {
		expect(sessionInput.safeParse({ title: 'T', startsAt: '2026-05-01T10:00:00Z', endsAt: '2026-05-01T10:00:00Z' }).success).toBe(true);
		expect(sessionInput.safeParse({ title: 'T', startsAt: '2026-05-01T10:00:00Z' }).success).toBe(true);
		expect(sessionInput.safeParse({ title: 'T', endsAt: '2026-05-01T10:00:00Z' }).success).toBe(true);
		expect(sessionInput.safeParse({ title: 'T', startsAt: '2026-05-01T10:00:00Z', endsAt: null }).success).toBe(true);
	});

	it('compares instants, not strings, across offsets', () => {
		// 10:00+02:00 is 08:00Z, so an end at 09:00Z is after the start.
		expect(sessionInput.safeParse({ title: 'T', startsAt: '2026-05-01T10:00:00+02:00', endsAt: '2026-05-01T09:00:00Z' }).success).toBe(true);
	});

	it('accepts positions 0..10000 (integers only)', () => {
		expect(sessionInput.parse({ title: 'T', position: 0 }).position).toBe(0);
		expect(sessionInput.parse({ title: 'T', position: 10_000 }).position).toBe(10_000);
		for (const position of [-1, 10_001, 1.5, '3']) expect(pathsOf(sessionInput, { title: 'T', position })).toEqual(['position']);
	});

	it('rejects unknown keys', () => {
		const r = sessionInput.safeParse({ title: 'T', eventId: 'x' });
		expect(r.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['eventId'] });
	});
});
