import { describe, expect, it } from 'vitest';
import { fromLocalInput, sessionPatch, toLocalInput } from './events';
import { plainText } from './text';

describe('plainText', () => {
	const t = plainText('title', 10);
	it('trims, keeps tabs and line breaks, refuses NUL and other control characters', () => {
		expect(t.parse('  a\tb\nc ')).toBe('a\tb\nc');
		for (const bad of ['a\u0000b', 'a\u0007', '\u001Bx', 'x\u007F']) expect(t.safeParse(bad).success).toBe(false);
		expect(t.safeParse('x'.repeat(11)).success).toBe(false);
	});
});

describe('session times', () => {
	it('E1 a datetime-local value is read in the browser time zone (getTimezoneOffset minutes)', () => {
		// Vilnius in summer is UTC+3: getTimezoneOffset() = -180.
		expect(fromLocalInput('2026-06-01T10:00', -180)).toBe('2026-06-01T07:00:00.000Z');
		expect(fromLocalInput('2026-06-01T10:00', 0)).toBe('2026-06-01T10:00:00.000Z');
		expect(fromLocalInput('tomorrow', 0)).toBeNull();
	});
	it('E1 and shown back the same way, so saving a form unchanged changes nothing', () => {
		for (const offset of [-180, 0, 300]) {
			const iso = fromLocalInput('2026-06-01T10:00', offset)!;
			expect(toLocalInput(iso, offset)).toBe('2026-06-01T10:00');
		}
		expect(toLocalInput(null, 0)).toBe('');
	});
	it('E1 an edit that sends only the title leaves room and times untouched', () => {
		expect(sessionPatch.parse({ title: 'New' })).toEqual({ title: 'New' });
		expect(sessionPatch.safeParse({ startsAt: '2026-06-01T10:00' }).success).toBe(false); // no offset
		expect(sessionPatch.safeParse({ startsAt: '0000-01-01T00:00:00Z' }).success).toBe(false);
	});
});
