import { describe, expect, it } from 'vitest';
import { csv } from './csv';

describe('csv', () => {
	it('quotes every field, doubles quotes and keeps newlines inside quotes', () => {
		expect(
			csv(
				['a', 'b'],
				[
					['say "hi"', 3],
					['two\nlines', null]
				]
			)
		).toBe('"a","b"\r\n"say ""hi""","3"\r\n"two\nlines",\r\n');
	});

	it('defuses spreadsheet formulas in text but not in numbers', () => {
		expect(csv(['t'], [['=HYPERLINK("x")'], ['+1'], ['-2'], ['@SUM(A1)'], [-5]])).toBe('"t"\r\n"\'=HYPERLINK(""x"")"\r\n"\'+1"\r\n"\'-2"\r\n"\'@SUM(A1)"\r\n"-5"\r\n');
	});

	it('defuses a leading tab or carriage return too, and only at the start', () => {
		expect(csv(['t'], [['\t=1'], ['\r=1'], ['a=1+2']])).toBe('"t"\r\n"\'\t=1"\r\n"\'\r=1"\r\n"a=1+2"\r\n');
	});
});
