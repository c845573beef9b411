import { hashKey } from './cloudHash';

/**
 * Word colours for the two places a cloud is drawn. Every colour keeps WCAG 2.x contrast of at
 * least 4.5:1 against the background it is used on (checked in cloudColours.spec.ts), so even the
 * smallest word stays readable; a word's colour follows from its key, so it keeps it across
 * updates and on every screen.
 */

export type CloudVariant = 'stage' | 'phone';

/**
 * The stage frame (`.frame` on the stage page) is #101418, drawn on the black page of
 * darkScreen.css; the palette is checked against both.
 */
export const STAGE_BACKGROUND = '#101418';
/** Phones draw the cloud in a white box (`--paper`); also checked against `--wash`. */
export const PHONE_BACKGROUND = '#ffffff';

export const BACKGROUNDS: Record<CloudVariant, string> = { stage: STAGE_BACKGROUND, phone: PHONE_BACKGROUND };

export const PALETTES: Record<CloudVariant, readonly string[]> = {
	stage: ['#ffd54a', '#6cb8ff', '#7bd88f', '#ff9f5a', '#ff8fc8', '#4fd6e3', '#c6a8ff', '#f2f2f2'],
	phone: ['#0b5cad', '#b3261e', '#136c34', '#7a3e9d', '#8a4b00', '#00687a', '#a0306b', '#3d4451']
};

/** The colour of the word with this key in this variant. */
export function colourFor(key: string, variant: CloudVariant): string {
	const palette = PALETTES[variant];
	return palette[hashKey(key) % palette.length];
}

/** WCAG 2.x relative luminance of a `#rgb` or `#rrggbb` colour. */
function luminance(hex: string): number {
	const [r, g, b] = parseHex(hex).map((c) => {
		const s = c / 255;
		return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.x contrast ratio between two colours, 1 (same) to 21 (black on white). */
export function contrast(a: string, b: string): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

function parseHex(hex: string): [number, number, number] {
	const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
	if (!m) throw new Error(`not a hex colour: ${hex}`);
	const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
	return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}
