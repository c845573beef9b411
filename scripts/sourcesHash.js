// The fingerprint `npm start` keeps beside the build (scripts/start.js): a hash of every file the
// build reads, by content (a fresh clone or a `git checkout` touches every file without changing it).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Everything the build reads: the sources, the migrations it bundles (import.meta.glob), the
// configs and what vite.config.ts imports, and the installed dependencies (the lock file).
const inputs = [
	'src',
	'static',
	'messages',
	'supabase',
	'project.inlang/settings.json',
	'svelte.config.js',
	'vite.config.ts',
	'tsconfig.json',
	'package.json',
	'package-lock.json',
	'scripts/zopfli.js'
];
// Written by the build itself (Paraglide compiles messages into src/lib/paraglide).
const generated = new Set(['src/lib/paraglide']);

/** @param {string} path @param {string} base @returns {string[]} */
function files(path, base) {
	const rel = relative(base, path);
	if (generated.has(rel) || !existsSync(path)) return [];
	if (!statSync(path).isDirectory()) return [rel];
	return readdirSync(path)
		.sort()
		.flatMap((name) => files(join(path, name), base));
}

/**
 * A hash of the build's inputs below `base`: their paths and contents.
 * @param {string} [base]
 */
export function sourcesHash(base = root) {
	const hash = createHash('sha256');
	for (const rel of inputs.flatMap((p) => files(join(base, p), base)))
		hash
			.update(`${rel}\0`)
			.update(readFileSync(join(base, rel)))
			.update('\0');
	return hash.digest('hex');
}
