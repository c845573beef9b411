import { describe, expect, it } from 'vitest';
import { assertEditable, checkRatings, summarise, values, type ScaleSettings } from './domain';

const scale: ScaleSettings = { statements: ['Trams', 'Bikes'], min: 1, max: 5, lowLabel: 'No', highLabel: 'Yes', allowSkip: true };

describe('rating scale rules', () => {
	it('SC1 ratings: one per statement, within the range, skips only where allowed, at least one given', () => {
		expect(values(scale)).toEqual([1, 2, 3, 4, 5]);
		expect(values({ min: 0, max: 10 })).toHaveLength(11);
		expect(checkRatings(scale, [5, null])).toEqual([5, null]);
		expect(() => checkRatings(scale, [5])).toThrow(/each of the 2/);
		expect(() => checkRatings(scale, [0, 3])).toThrow(/from 1 to 5/);
		expect(() => checkRatings(scale, [6, 3])).toThrow(/from 1 to 5/);
		expect(() => checkRatings(scale, [null, null])).toThrow(/at least one/);
		expect(() => checkRatings({ ...scale, allowSkip: false }, [4, null])).toThrow(/needs a rating/);
	});

	it('SC2 results per statement: the distribution over every value, skips apart, the mean of the ratings given', () => {
		const r = summarise(scale, 3, [
			{ i: 0, v: 5, n: 2 },
			{ i: 0, v: 2, n: 1 },
			{ i: 1, v: null, n: 2 },
			{ i: 1, v: 4, n: 1 },
			{ i: 7, v: 3, n: 9 } // a statement that no longer exists counts nowhere
		]);
		expect(r).toEqual({
			respondents: 3,
			statements: [
				{ counts: [0, 1, 0, 0, 2], skipped: 0, mean: 4 },
				{ counts: [0, 0, 0, 1, 0], skipped: 2, mean: 4 }
			]
		});
		expect(summarise(scale, 0, []).statements[0]).toEqual({ counts: [0, 0, 0, 0, 0], skipped: 0, mean: null });
	});

	it('SC3 once rated, the statements and the range stay; wording and labels may change', () => {
		expect(() => assertEditable(scale, { ...scale, statements: ['Trams', 'Bikes', 'Buses'] }, 1)).toThrow(/reset it/);
		expect(() => assertEditable(scale, { ...scale, max: 10 }, 1)).toThrow(/reset it/);
		expect(() => assertEditable(scale, { ...scale, statements: ['More trams', 'Bikes'], lowLabel: 'Not at all' }, 1)).not.toThrow();
		expect(() => assertEditable(scale, { ...scale, max: 10 }, 0)).not.toThrow();
	});
});
