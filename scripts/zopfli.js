// Recompresses the built JS and CSS with zopfli: gzip that any client decodes, about 3 % smaller
// than zlib's best, for phones that take gzip (the budget in DESIGN.md §8 is counted in gzip).
// Run after adapter-node's `precompress` (vite.config.ts calls it once the build is written);
// a file is replaced only where zopfli wins. About 10 s for the whole client here.
import { gzipAsync } from '@gfx/zopfli';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** @param {string} dir @returns {Generator<string>} */
function* assets(dir) {
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) yield* assets(path);
		else if (/\.(js|css)$/.test(name) && existsSync(`${path}.gz`)) yield path;
	}
}

/** Rewrites every `<asset>.gz` below `dir` with zopfli where that is smaller; returns bytes saved. */
/** @param {string} dir */
export async function zopfliAssets(dir) {
	let saved = 0;
	for (const path of assets(dir)) {
		const current = statSync(`${path}.gz`).size;
		const better = await gzipAsync(readFileSync(path), { numiterations: 15 });
		if (better.length < current) {
			writeFileSync(`${path}.gz`, better);
			saved += current - better.length;
		}
	}
	return saved;
}
