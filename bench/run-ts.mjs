// Runs a TypeScript benchmark module with plain Node, through Vite's SSR loader (no build, no
// extra packages). The module must export `async function run()`.
// Usage: node bench/run-ts.mjs bench/normalise.ts
import { fileURLToPath } from 'node:url';
import { relative, resolve } from 'node:path';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const target = process.argv[2];
if (!target) {
	console.error('usage: node bench/run-ts.mjs <module.ts>');
	process.exit(2);
}

const server = await createServer({
	root,
	configFile: false,
	logLevel: 'warn',
	resolve: { alias: { $lib: resolve(root, 'src/lib') } },
	server: { middlewareMode: true, hmr: false, watch: null },
	appType: 'custom',
	optimizeDeps: { noDiscovery: true, include: [] }
});
try {
	const mod = await server.ssrLoadModule('/' + relative(root, resolve(target)).split('\\').join('/'));
	if (typeof mod.run !== 'function') throw new Error(`${target} does not export run()`);
	await mod.run();
} finally {
	await server.close();
}
