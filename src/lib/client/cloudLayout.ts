import cloud from 'd3-cloud';
import type { CloudWord } from '$lib/realtime/protocol';
import { colourFor, type CloudVariant } from './cloudColours';
import { CLOUD_FONT_FAMILY, CLOUD_FONT_WEIGHT } from './cloudFont';
import { unitsFromKey } from './cloudHash';

/**
 * A stable word-cloud layout on top of d3-cloud: when counts change, words stay where they were
 * and only move when they would now overlap. Load this module with `import()` only: it pulls in
 * d3-cloud, which phones should not download before they show a cloud.
 *
 * How (d3-cloud 1.2.9, node_modules/d3-cloud/index.js): d3-cloud sorts the words by size
 * (stable), then per word asks `random()` twice for its start (`x = (width * (random() + .5)) >> 1`,
 * same for y) and, when the word has a sprite, once more for the spiral's direction; it spirals
 * outwards from the start until the word fits. We replay a sequence in that order that starts
 * every word placed last time at its old spot, and new words at a spot derived from their key.
 * On an update we also choose the order (`stableOrder`: old words before new ones) and lift
 * d3-cloud's "touch the words placed so far" rule (see `#run`). Everything above `StableCloud` is
 * pure and tested in Node; the layout itself needs a canvas (measured in bench/cloud-layout.mjs).
 */

export type { CloudVariant, CloudWord };

export interface Placed extends CloudWord {
	/** Text anchor (middle of the baseline), relative to the box's centre, in px. */
	x: number;
	y: number;
	/** Font size in px. */
	size: number;
	colour: string;
}

interface Point {
	x: number;
	y: number;
	/** Font size it had there. */
	size?: number;
}

interface FontRange {
	min: number;
	max: number;
}

/** Width in px of `text` at `size` px in the cloud's font. */
type Measure = (text: string, size: number) => number;

/** Rough advance of bold sans-serif text (≈ 0.62 em per character), for Node and as a fallback. */
export const estimateWidth: Measure = (text, size) => [...text].length * size * 0.62;

/** Share of the box the words may cover (width × 1.2 × size each) before all sizes shrink together. */
const FILL = 0.55;
/** New words start within this share of the box around the centre (d3-cloud's default is 0.5). */
const NEW_WORD_SPREAD = 0.3;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * Smallest and largest font size for a box. The stage is read from the back of a hall, so its
 * smallest words are ≈ 2.4 % of the height (22 px at 900 px); a phone is held at arm's length.
 */
export function fontRange(width: number, height: number, variant: CloudVariant): FontRange {
	const min = variant === 'stage' ? clamp(Math.round(height * 0.024), 12, 48) : clamp(Math.round(height * 0.036), 10, 16);
	const max = Math.round(Math.min(height * 0.2, width * (variant === 'stage' ? 0.12 : 0.16)));
	return { min, max: Math.max(min, max) };
}

/** Square-root scale: the top word gets `max`, a word with no votes would get `min`. */
export function scaleSize(count: number, maxCount: number, range: FontRange): number {
	const t = maxCount > 0 ? Math.sqrt(clamp(count / maxCount, 0, 1)) : 1;
	return range.min + (range.max - range.min) * t;
}

/**
 * Integer font size per word (same order as `words`): the square-root scale, shrunk as a whole
 * when the words would cover more than FILL of the box (never below the range's minimum), and
 * each word capped so that it fits the box's width (d3-cloud drops words that do not fit).
 */
export function fitSizes(words: readonly CloudWord[], width: number, height: number, variant: CloudVariant, measure: Measure = estimateWidth): number[] {
	if (words.length === 0) return [];
	const range = fontRange(width, height, variant);
	const maxCount = Math.max(...words.map((w) => w.count));
	const raw = words.map((w) => scaleSize(w.count, maxCount, range));
	const perPx = words.map((w) => measure(w.display, 100) / 100);
	const area = raw.reduce((sum, s, i) => sum + perPx[i] * s * s * 1.2, 0);
	const shrink = area > FILL * width * height ? Math.sqrt((FILL * width * height) / area) : 1;
	// d3-cloud rounds a sprite's width up to 32 px and needs it inside the box.
	const maxWidth = width - 32 - 2 * padding(height, variant);
	return raw.map((s, i) => {
		const cap = perPx[i] > 0 ? maxWidth / perPx[i] : Infinity;
		return Math.max(1, Math.floor(Math.min(Math.max(range.min, s * shrink), cap, height * 0.8)));
	});
}

/** Space d3-cloud keeps around each word, in px. */
function padding(height: number, variant: CloudVariant): number {
	return variant === 'stage' ? Math.max(2, Math.round(height / 300)) : 1;
}

/** The `random()` value that makes d3-cloud start a word at `coord` (relative to the centre) along an axis of `extent` px. */
export function startUnit(coord: number, extent: number): number {
	// d3-cloud: start = (extent * (r + .5)) >> 1; aim at the middle of the integer's range, so
	// rounding errors cannot move the word by a pixel.
	const target = coord + (extent >> 1);
	return (2 * target + 0.5) / extent - 0.5;
}

/** What the sequence needs of a word; d3-cloud sets `hasText` once it has drawn the word's sprite. */
export interface StartWord {
	key: string;
	hasText?: boolean;
}

/**
 * A `random()` for d3-cloud that replays, for `words` in the order d3-cloud places them: x and y
 * of the start, then the spiral's direction. Words in `previous`
 * start at their old spot; others at a spot hashed from their key. d3-cloud skips the direction
 * for a word without a sprite; `hasText` on the same objects tells us so.
 */
export function startRandom(words: readonly StartWord[], previous: ReadonlyMap<string, Point>, width: number, height: number): () => number {
	const sequence = words.map((w) => {
		const [a, b, direction] = unitsFromKey(w.key, 3);
		const old = previous.get(w.key);
		if (old) return [startUnit(old.x, width), startUnit(old.y, height), direction];
		return [0.5 + (a - 0.5) * NEW_WORD_SPREAD * 2, 0.5 + (b - 0.5) * NEW_WORD_SPREAD * 2, direction];
	});
	let i = 0;
	let step = 0;
	return () => {
		if (step === 2 && !words[i]?.hasText) {
			i++;
			step = 0;
		}
		const value = sequence[i]?.[step] ?? 0.5;
		if (++step === 3) {
			step = 0;
			i++;
		}
		return value;
	};
}

/** Stable sort by size, descending: the order d3-cloud places words in by default. */
export function placementOrder<T extends { size: number }>(items: readonly T[]): T[] {
	return [...items].sort((a, b) => b.size - a.size);
}

/**
 * The order that keeps a cloud in place, each group largest first:
 * 1. prominent words (at least half the largest size) that grew: the eye follows them, so they
 *    keep their spot and smaller neighbours make room;
 * 2. words placed last time that did not grow: they fit where they were;
 * 3. other words that grew: each tries its spot and moves only if it no longer fits, rather than
 *    pushing its neighbours (which would push theirs);
 * 4. new words, so that a newcomer cannot take an old word's spot.
 */
export function stableOrder<T extends { key: string; size: number }>(items: readonly T[], previous: ReadonlyMap<string, { size?: number }>): T[] {
	const sorted = placementOrder(items);
	const prominent = (sorted[0]?.size ?? 0) / 2;
	const group = (d: T) => {
		const old = previous.get(d.key);
		if (!old) return 3;
		if (d.size <= (old.size ?? Infinity)) return 1;
		return d.size >= prominent ? 0 : 2;
	};
	return sorted
		.map((d) => [group(d), d] as const)
		.sort((a, b) => a[0] - b[0])
		.map(([, d]) => d);
}

/**
 * Whether a layout lost a word it should have kept. Small words may be dropped for want of room
 * (a phone cannot show a hundred words); a word in the upper three quarters of the size range may not.
 */
export function lostWords(sizes: readonly number[], placed: ReadonlySet<number>, range: FontRange): boolean {
	const floor = range.min + (range.max - range.min) / 4;
	return sizes.some((size, i) => !placed.has(i) && size >= floor);
}

interface Item extends CloudWord, StartWord {
	text: string;
	/** What d3-cloud reads: the rank while it sorts, then the font size (see `#run`). */
	size: number;
	fontSize: number;
	index: number;
	x?: number;
	y?: number;
}

/**
 * One cloud on screen. `layout()` keeps where every word landed and starts it there next time;
 * `resize()` forgets that, since old spots mean nothing in a new box.
 */
export class StableCloud {
	#width: number;
	#height: number;
	readonly variant: CloudVariant;
	#previous = new Map<string, Point>();
	#canvas: HTMLCanvasElement | null = null;
	#widths = new Map<string, number>();
	#lastOrder: 'stable' | 'size' = 'size';

	constructor(width: number, height: number, variant: CloudVariant) {
		this.#width = Math.max(1, Math.round(width));
		this.#height = Math.max(1, Math.round(height));
		this.variant = variant;
	}

	get width(): number {
		return this.#width;
	}

	get height(): number {
		return this.#height;
	}

	/** How the last layout was made: in 'stable' order, or in plain 'size' order (first layout, or the stable one lost a word). */
	get lastOrder(): 'stable' | 'size' {
		return this.#lastOrder;
	}

	resize(width: number, height: number): void {
		this.#width = Math.max(1, Math.round(width));
		this.#height = Math.max(1, Math.round(height));
		this.#previous.clear();
	}

	/** Lays out `words` (synchronously); words that do not fit are left out of the result. */
	layout(input: readonly CloudWord[]): Placed[] {
		const keys = new Set<string>();
		const words = input.filter((w) => !keys.has(w.key) && keys.add(w.key)); // one spot per key
		if (words.length === 0) {
			this.#previous.clear();
			return [];
		}
		const sizes = fitSizes(words, this.#width, this.#height, this.variant, this.#measure);
		const items = (): Item[] => words.map((w, index) => ({ key: w.key, display: w.display, count: w.count, text: w.display, size: sizes[index], fontSize: sizes[index], index }));
		let placed = this.#previous.size > 0 ? this.#run(stableOrder(items(), this.#previous), 'stable') : null;
		this.#lastOrder = 'stable';
		if (!placed || lostWords(sizes, new Set(placed.map((d) => d.index)), fontRange(this.#width, this.#height, this.variant))) {
			placed = this.#run(placementOrder(items()), 'size') ?? [];
			this.#lastOrder = 'size';
		}
		this.#previous = new Map(placed.map((d) => [d.key, { x: d.x ?? 0, y: d.y ?? 0, size: d.fontSize }]));
		return words.flatMap((w, i) => {
			const p = this.#previous.get(w.key);
			return p ? [{ key: w.key, display: w.display, count: w.count, x: p.x, y: p.y, size: sizes[i], colour: colourFor(w.key, this.variant) }] : [];
		});
	}

	/**
	 * One d3-cloud run. In 'size' order d3-cloud sorts `words` itself. In 'stable' order they are
	 * placed exactly in the given order: d3-cloud sorts by `size`, so `size` holds the rank while it
	 * sorts; its first `random()` call comes after the sort and before any sprite is drawn
	 * (index.js `start`/`step`), and there the font sizes are put back. That run returns null if a
	 * sprite was drawn before (another d3-cloud version); the caller then falls back to 'size'.
	 *
	 * An invisible first word, the anchor, spans the box. d3-cloud only accepts a spot that
	 * overlaps the bounding box of the words placed so far: that keeps a new cloud compact, but
	 * when the cloud is redrawn, a word at its edge that shrank would be pushed inwards and push
	 * others. So in 'stable' order the anchor is placed (every spot in the box is then accepted);
	 * in 'size' order it starts far outside the box and is never placed. It is drawn either way,
	 * because d3-cloud packs sprites in batches on one canvas and a sprite can pick up pixels of
	 * the next row: the same words must be packed the same way in every run to land on the same pixels.
	 */
	#run(words: Item[], mode: 'stable' | 'size'): Item[] | null {
		const [width, height] = [this.#width, this.#height];
		const anchor = this.#anchor();
		const order = [anchor, ...words];
		const ranked = mode === 'stable';
		if (ranked) order.forEach((d, i) => (d.size = order.length - i));
		const start = ranked ? { x: 0, y: 0 } : { x: width * 100, y: height * 100 };
		const replay = startRandom(order, new Map([...this.#previous, [anchor.key, start]]), width, height);
		let sized = !ranked;
		let intact = true;
		const random = () => {
			if (!sized) {
				sized = true;
				intact = !order.some((d) => d.hasText);
				for (const d of order) d.size = d.fontSize;
			}
			return replay();
		};
		let placed: Item[] = [];
		cloud<Item>()
			.size([width, height])
			.canvas(() => anchorCanvas(this.#sprites(), anchor))
			.words(order)
			.text((d) => d.text)
			.font(CLOUD_FONT_FAMILY)
			.fontWeight(CLOUD_FONT_WEIGHT)
			.fontSize((d) => d.size)
			.rotate(0)
			.padding(padding(height, this.variant))
			.spiral('archimedean')
			.random(random)
			.timeInterval(Infinity)
			.on('end', (tags: Item[]) => (placed = tags))
			.start();
		return intact ? placed.filter((d) => d !== anchor) : null;
	}

	/**
	 * The invisible word: as wide as the box (less d3-cloud's rounding) and as high (its sprite is
	 * 2 × size); larger than any word (sizes stay ≤ 20 % of the height), so it comes first in 'size' order too.
	 */
	#anchor(): Item & { width: number } {
		const text = ANCHOR_TEXT;
		const fontSize = Math.min(this.#height, SPRITE_CANVAS - 2) >> 1;
		const width = Math.max(1, Math.min(this.#width, SPRITE_CANVAS) - 64);
		return { key: text, display: '', count: 0, text, size: fontSize, fontSize, index: -1, width };
	}

	#sprites(): HTMLCanvasElement {
		return (this.#canvas ??= document.createElement('canvas'));
	}

	/** Canvas text width in the cloud's font, cached per text at 100 px. */
	#measure: Measure = (text, size) => {
		let at100 = this.#widths.get(text);
		if (at100 === undefined) {
			const ctx = this.#sprites().getContext('2d', { willReadFrequently: true });
			if (!ctx) return estimateWidth(text, size);
			ctx.font = `normal ${CLOUD_FONT_WEIGHT} 100px ${CLOUD_FONT_FAMILY}`;
			at100 = ctx.measureText(text).width;
			if (this.#widths.size > 2000) this.#widths.clear();
			this.#widths.set(text, at100);
		}
		return (at100 * size) / 100;
	};
}

/** d3-cloud draws sprites on a 2048 × 2048 canvas. */
const SPRITE_CANVAS = 2048;
/** Text of the invisible anchor word; cleaned entries never contain control characters. */
const ANCHOR_TEXT = '\u0000anchor\u0000';

/**
 * The sprite canvas as d3-cloud sees it, except for the anchor word: it measures `width` and
 * draws a single pixel at the top-left corner of its sprite (d3-cloud trims empty rows only
 * above the first ink), so its box is the whole sprite while it covers one pixel of the board.
 */
function anchorCanvas(canvas: HTMLCanvasElement, { text, width, fontSize }: { text: string; width: number; fontSize: number }): HTMLCanvasElement {
	let context: CanvasRenderingContext2D | null = null;
	const wrap = (ctx: CanvasRenderingContext2D) =>
		new Proxy(ctx, {
			get(target, prop) {
				if (prop === 'measureText') return (t: string) => (t === text ? { width } : target.measureText(t));
				if (prop === 'fillText')
					return (t: string, x: number, y: number) => {
						if (t !== text) return target.fillText(t, x, y);
						// d3-cloud translated to the sprite's centre; the sprite is 2 × the font size high.
						target.fillRect(Math.round(x), -fontSize, 1, 1);
					};
				if (prop === 'strokeText') return (t: string, x: number, y: number) => (t === text ? undefined : target.strokeText(t, x, y));
				const value = Reflect.get(target, prop, target);
				return typeof value === 'function' ? value.bind(target) : value;
			},
			set(target, prop, value) {
				return Reflect.set(target, prop, value, target);
			}
		});
	return {
		get width() {
			return canvas.width;
		},
		set width(v: number) {
			canvas.width = v;
		},
		get height() {
			return canvas.height;
		},
		set height(v: number) {
			canvas.height = v;
		},
		getContext: (type: '2d', options?: CanvasRenderingContext2DSettings) => {
			const ctx = canvas.getContext(type, options);
			return ctx && (context ??= wrap(ctx));
		}
	} as unknown as HTMLCanvasElement;
}
