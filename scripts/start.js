// `npm start`: builds only when the sources changed since the last build, quietly, then serves.
// The fingerprint is a hash of every file the build reads (not their times: a fresh clone or a
// `git checkout` touches every file without changing it), kept beside the build.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourcesHash } from './sourcesHash.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'build', '.sources-hash');

function buildIfChanged() {
	const current = sourcesHash();
	const handler = join(root, 'build', 'handler.js');
	// A build made some other way (`npm run build`, `npm test`) after the stamp leaves it unknown.
	const known = existsSync(handler) && existsSync(stamp) && statSync(stamp).mtimeMs >= statSync(handler).mtimeMs;
	const built = known ? readFileSync(stamp, 'utf8').trim() : null;
	if (built === current) return;
	const vite = join(root, 'node_modules', '.bin', 'vite');
	if (!existsSync(vite)) {
		if (existsSync(handler)) return console.log('The build tools are not installed (npm install), so the build may be out of date: serving it as it is.');
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
