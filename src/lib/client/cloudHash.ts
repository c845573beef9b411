/**
 * Deterministic numbers from a word-cloud key, so the stage and a moderator preview that see the
 * same history draw the same cloud (same colours, same starting spots for new words).
 */

/** FNV-1a over UTF-16 code units: a 32-bit unsigned hash, stable across browsers and Node. */
export function hashKey(key: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < key.length; i++) {
		h ^= key.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** `n` numbers in [0, 1) derived from `key` (mulberry32 seeded with the key's hash). */
export function unitsFromKey(key: string, n: number): number[] {
	let seed = hashKey(key);
	const out: number[] = [];
	for (let i = 0; i < n; i++) {
		seed = (seed + 0x6d2b79f5) >>> 0;
		let t = seed;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		out.push(((t ^ (t >>> 14)) >>> 0) / 4294967296);
	}
	return out;
}
