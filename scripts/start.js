// `npm start`: builds only when the sources changed since the last build, quietly, then serves.
// The fingerprint is a hash of every file the build reads (not their times: a fresh clone or a
// `git checkout` touches every file without changing it), kept beside the build.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'build', '.sources-hash');
const inputs = ['src', 'static', 'messages', 'project.inlang/settings.json', 'svelte.config.js', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'];
// Written by the build itself (Paraglide compiles messages into src/lib/paraglide).
const generated = new Set(['src/lib/paraglide']);

function files(path) {
	const rel = relative(root, path);
	if (generated.has(rel) || !existsSync(path)) return [];
	if (!statSync(path).isDirectory()) return [rel];
	return readdirSync(path)
		.sort()
		.flatMap((name) => files(join(path, name)));
}

/** A hash of the build's inputs: their paths and contents. */
export function sourcesHash() {
	const hash = createHash('sha256');
	for (const rel of inputs.flatMap((p) => files(join(root, p)))) hash.update(`${rel}\0`).update(readFileSync(join(root, rel))).update('\0');
	return hash.digest('hex');
}

function buildIfChanged() {
	const current = sourcesHash();
	const handler = join(root, 'build', 'handler.js');
	// A build made some other way (`npm run build`, `npm test`) after the stamp leaves it unknown.
	const known = existsSync(handler) && existsSync(stamp) && statSync(stamp).mtimeMs >= statSync(handler).mtimeMs;
	const built = known ? readFileSync(stamp, 'utf8').trim() : null;
	if (built === current) return;
	const vite = join(root, 'node_modules', '.bin', 'vite');
	if (!existsSync(vite)) {
		if (built !== null) return console.log('The sources changed, but the build tools are not installed (npm install): serving the last build.');
		console.error('No build and no build tools: run `npm install` first.');
		process.exit(1);
	}
	const why = !existsSync(handler) ? 'first start, about a minute' : built === null ? 'the last build was not made by npm start' : 'the sources changed since the last build';
	console.log(`Building Plenum (${why})…`);
	const started = Date.now();
	const result = spawnSync(vite, ['build', '--logLevel', 'warn'], { cwd: root, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
	if (result.status !== 0) {
		// Only a failure shows the build's own output: that is when it is worth reading.
		process.stdout.write(result.stdout ?? '');
		process.stderr.write(result.stderr ?? '');
		console.error('The build failed; see above.');
		process.exit(1);
	}
	writeFileSync(stamp, `${current}\n`);
	console.log(`Built in ${Math.round((Date.now() - started) / 1000)} s.`);
}

buildIfChanged();
await import('../server.js');
