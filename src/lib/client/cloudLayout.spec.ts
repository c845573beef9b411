import { describe, expect, it } from 'vitest';
import { hashKey, unitsFromKey } from './cloudHash';
import { estimateWidth, fitSizes, fontRange, lostWords, placementOrder, scaleSize, stableOrder, startRandom, startUnit, type StartWord } from './cloudLayout';

/** What d3-cloud 1.2.9 does with `random()` per word (index.js `step` and `place`), without the canvas. */
function replay(words: (StartWord & { sprite?: boolean })[], random: () => number, width: number, height: number) {
	return words.map((d) => {
		const x = (width * (random() + 0.5)) >> 1;
		const y = (height * (random() + 0.5)) >> 1;
		d.hasText = d.sprite !== false; // cloudSprite runs between the start and place()
		const direction = d.hasText ? (random() < 0.5 ? 1 : -1) : 0;
		return { key: d.key, x: x - (width >> 1), y: y - (height >> 1), direction };
	});
}

describe('font size', () => {
	it('grows with the count (square-root scale) from min to max', () => {
		const range = fontRange(1600, 900, 'stage');
		const sizes = [0, 1, 2, 5, 10, 50, 99, 100].map((c) => scaleSize(c, 100, range));
		for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeGreaterThan(sizes[i - 1]);
		expect(sizes[0]).toBe(range.min);
		expect(sizes.at(-1)).toBe(range.max);
		expect(scaleSize(25, 100, range)).toBeCloseTo(range.min + (range.max - range.min) / 2, 10);
	});

	it('depends on the box and the variant: the stage is read from far away', () => {
		const stage = fontRange(1600, 900, 'stage');
		const phone = fontRange(360, 300, 'phone');
		expect(stage.min).toBeGreaterThanOrEqual(20);
		expect(stage.max).toBeGreaterThan(stage.min * 5);
		expect(phone.min).toBeGreaterThanOrEqual(10);
		expect(phone.max).toBeLessThan(stage.max);
		expect(fontRange(800, 450, 'stage').max).toBeLessThan(stage.max);
	});

	it('keeps the order of counts for words of one length, integer sizes, all within the box', () => {
		const words = Array.from({ length: 100 }, (_, i) => ({ key: `w${i}`, display: `word${String(i).padStart(2, '0')}`, count: 200 - i * 2 }));
		for (const [w, h, v] of [
			[1600, 900, 'stage'],
			[360, 300, 'phone']
		] as const) {
			const sizes = fitSizes(words, w, h, v);
			for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThanOrEqual(sizes[i - 1]);
			for (const [i, s] of sizes.entries()) {
				expect(Number.isInteger(s)).toBe(true);
				expect(s).toBeGreaterThanOrEqual(fontRange(w, h, v).min);
				expect(estimateWidth(words[i].display, s)).toBeLessThan(w);
			}
		}
	});

	it('shrinks everything when many words would crowd the box, and caps a long word to the width', () => {
		const few = [{ key: 'a', display: 'alpha', count: 10 }];
		const many = [...few, ...Array.from({ length: 99 }, (_, i) => ({ key: `b${i}`, display: 'bravobravo', count: 9 }))];
		expect(fitSizes(many, 1600, 900, 'stage')[0]).toBeLessThan(fitSizes(few, 1600, 900, 'stage')[0]);
		const [long] = fitSizes([{ key: 'l', display: 'internationalisation of cities', count: 5 }], 1600, 900, 'stage');
		expect(estimateWidth('internationalisation of cities', long)).toBeLessThanOrEqual(1600 - 32);
		expect(fitSizes([], 1600, 900, 'stage')).toEqual([]);
	});
});

describe('start positions (d3-cloud random sequence)', () => {
	it('startUnit makes d3-cloud start exactly at a coordinate, for even and odd extents', () => {
		for (const extent of [1600, 900, 361, 300])
			for (let c = -(extent >> 1); c <= extent >> 1; c += 7) expect(((extent * (startUnit(c, extent) + 0.5)) >> 1) - (extent >> 1)).toBe(c);
	});

	it('replays old positions in placement order; new words start from their key’s hash', () => {
		const previous = new Map([
			['city', { x: -300, y: 40 }],
			['bike', { x: 512, y: -401 }],
			['tram', { x: 0, y: 0 }]
		]);
		const words = placementOrder([
			{ key: 'tram', size: 40 },
			{ key: 'city', size: 120 },
			{ key: 'new', size: 60 },
			{ key: 'bike', size: 40 }
		]);
		expect(words.map((w) => w.key)).toEqual(['city', 'new', 'tram', 'bike']); // stable, like d3-cloud's sort
		const starts = replay(words, startRandom(words, previous, 1600, 900), 1600, 900);
		expect(starts.find((s) => s.key === 'city')).toMatchObject({ x: -300, y: 40 });
		expect(starts.find((s) => s.key === 'bike')).toMatchObject({ x: 512, y: -401 });
		expect(starts.find((s) => s.key === 'tram')).toMatchObject({ x: 0, y: 0 });
		const fresh = starts.find((s) => s.key === 'new')!;
		const [a, b] = unitsFromKey('new', 2);
		expect(fresh.x).toBe(((1600 * (0.5 + (a - 0.5) * 0.6 + 0.5)) >> 1) - 800);
		expect(fresh.y).toBe(((900 * (0.5 + (b - 0.5) * 0.6 + 0.5)) >> 1) - 450);
		// New words start near the centre.
		expect(Math.abs(fresh.x)).toBeLessThanOrEqual(0.3 * 1600);
		expect(Math.abs(fresh.y)).toBeLessThanOrEqual(0.3 * 900);
	});

	it('stays in step when d3-cloud skips the direction of a word without a sprite', () => {
		const previous = new Map([
			['a', { x: 10, y: 20 }],
			['b', { x: -30, y: -40 }],
			['c', { x: 50, y: 60 }]
		]);
		const words = [{ key: 'a' }, { key: 'b', sprite: false }, { key: 'c' }];
		const starts = replay(words, startRandom(words, previous, 800, 600), 800, 600);
		expect(starts.map(({ x, y }) => [x, y])).toEqual([
			[10, 20],
			[-30, -40],
			[50, 60]
		]);
		expect(starts[1].direction).toBe(0);
	});

	it('is deterministic: two screens with the same history get the same starts and directions', () => {
		const words = () => ['x', 'y', 'z', 'ąžuolas', '🚲'].map((key) => ({ key }));
		const previous = new Map([['y', { x: 3, y: 4 }]]);
		const one = replay(words(), startRandom(words(), previous, 1000, 500), 1000, 500);
		const two = replay(words(), startRandom(words(), new Map(previous), 1000, 500), 1000, 500);
		expect(one).toEqual(two);
	});
});

describe('placement order', () => {
	it('puts prominent words that grew first, then words that kept or lost size, then other words that grew, then new words; largest first in each', () => {
		const previous = new Map([
			['same', { x: 0, y: 0, size: 40 }],
			['shrank', { x: 0, y: 0, size: 90 }],
			['grew', { x: 0, y: 0, size: 30 }],
			['grewToo', { x: 0, y: 0, size: 20 }],
			['top', { x: 0, y: 0, size: 150 }]
		]);
		const items = [
			{ key: 'new', size: 100 },
			{ key: 'grewToo', size: 25 },
			{ key: 'same', size: 40 },
			{ key: 'grew', size: 60 },
			{ key: 'shrank', size: 80 },
			{ key: 'newSmall', size: 10 },
			{ key: 'top', size: 160 }
		];
		expect(stableOrder(items, previous).map((d) => d.key)).toEqual(['top', 'shrank', 'same', 'grew', 'grewToo', 'new', 'newSmall']);
		expect(stableOrder(items, new Map()).map((d) => d.key)).toEqual(placementOrder(items).map((d) => d.key));
	});

	it('lets a layout drop small words, not prominent ones', () => {
		const range = { min: 20, max: 180 }; // a quarter up the range: 60 px
		expect(lostWords([180, 100, 20, 20], new Set([0, 1, 2, 3]), range)).toBe(false);
		expect(lostWords([180, 100, 20, 59], new Set([0, 1]), range)).toBe(false);
		expect(lostWords([180, 100, 60, 20], new Set([0, 1, 3]), range)).toBe(true);
	});
});

describe('hash', () => {
	it('is a fixed 32-bit FNV-1a, the same in every browser and in Node', () => {
		expect(hashKey('')).toBe(0x811c9dc5);
		expect(hashKey('a')).toBe(0xe40c292c);
		expect(hashKey('foobar')).toBe(0xbf9cf968);
		expect(hashKey('city')).toBe(hashKey('city'));
		expect(hashKey('city')).not.toBe(hashKey('City'));
	});

	it('derives numbers in [0, 1) that differ between keys', () => {
		const units = unitsFromKey('city', 3);
		expect(units).toEqual(unitsFromKey('city', 3));
		for (const u of units) expect(u >= 0 && u < 1).toBe(true);
		expect(unitsFromKey('bike', 3)).not.toEqual(units);
	});
});
