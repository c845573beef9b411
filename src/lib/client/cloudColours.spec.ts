import { describe, expect, it } from 'vitest';
import { BACKGROUNDS, colourFor, contrast, PALETTES, PHONE_BACKGROUND, STAGE_BACKGROUND } from './cloudColours';

/** Where each palette is drawn: the stage frame on the black stage page; the phone's white box on the page's wash. */
const drawnOn = {
	stage: [STAGE_BACKGROUND, '#000000'],
	phone: [PHONE_BACKGROUND, '#f3f4f7']
} as const;

describe('contrast', () => {
	it('gives 21 for black on white and 1 for a colour on itself', () => {
		expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 10);
		expect(contrast('#ffffff', '#000')).toBeCloseTo(21, 10);
		expect(contrast('#0b5cad', '#0b5cad')).toBe(1);
	});

	it('matches known WCAG values', () => {
		// #767676 on white is the classic lightest grey that passes AA (4.54:1).
		expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
		expect(contrast('#777777', '#ffffff')).toBeLessThan(4.5);
	});

	it('rejects what is not a hex colour', () => {
		expect(() => contrast('red', '#fff')).toThrow(/hex/);
	});
});

describe('palettes', () => {
	for (const variant of ['stage', 'phone'] as const) {
		it(`${variant}: every colour has at least 4.5:1 against the background it is drawn on`, () => {
			expect(drawnOn[variant]).toContain(BACKGROUNDS[variant]);
			for (const bg of drawnOn[variant]) for (const colour of PALETTES[variant]) expect(contrast(colour, bg), `${colour} on ${bg}`).toBeGreaterThanOrEqual(4.5);
		});
	}

	it('picks a colour from the key, the same every time, from the variant’s palette', () => {
		const keys = ['city', 'bike', 'tram', 'miest', '🚲', 'green city', 'e-bike', 'ąžuolas'];
		for (const key of keys) {
			expect(colourFor(key, 'stage')).toBe(colourFor(key, 'stage'));
			expect(PALETTES.stage).toContain(colourFor(key, 'stage'));
			expect(PALETTES.phone).toContain(colourFor(key, 'phone'));
		}
		expect(new Set(keys.map((k) => colourFor(k, 'stage'))).size).toBeGreaterThan(2);
	});
});
