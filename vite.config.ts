import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin, ViteDevServer } from 'vite';
import { defineConfig } from 'vitest/config';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** socket.io on the dev server, wired to the same app module SvelteKit uses. */
function plenumSockets(): Plugin {
	return {
		name: 'plenum-socket.io',
		async configureServer(server: ViteDevServer) {
			if (!server.httpServer) return;
			// `npm run dev` reads .env like server.js does (the environment wins over the file).
			const envFile = process.env.PLENUM_ENV_FILE ?? '.env';
			if (envFile && existsSync(envFile)) process.loadEnvFile(envFile);
			const { Server } = await import('socket.io');
			const io = new Server(server.httpServer as import('node:http').Server, { path: '/socket.io', maxHttpBufferSize: 16_000 });
			(globalThis as Record<symbol, unknown>)[Symbol.for('plenum.io')] = io;
			server.httpServer.once('listening', () => {
				// Links in the banner and on the stage use the dev server's port.
				const address = server.httpServer?.address();
				if (address && typeof address === 'object') process.env.PORT = String(address.port);
				server
					.ssrLoadModule('/src/lib/server/app.ts')
					.then((m) => m.getApp())
					.then((app) => console.log(app.banner))
					.catch((e) => console.error('Plenum failed to start', e));
			});
		}
	};
}

/**
 * Phones load engine.io-client with the WebSocket transport only. Its package index and its default
 * transport list pull in long-polling and WebTransport (about 2 KB gzip) that most phones never
 * use, so socket.io-client gets a core of engine.io-client without them. connection.ts loads the
 * polling transport (the real package index) on demand, when a WebSocket cannot be opened. And
 * socket.io-parser loses its binary-attachment support: every Plenum message is JSON.
 */
function websocketOnlyClient(): Plugin {
	const core = '\0plenum-eio-core:';
	const wsOnly = '\0plenum-eio-ws-only:';
	const noBinary = '\0plenum-no-binary:';
	const inside = (importer: string | undefined, dir: string) => !!importer && importer.replace(/\\/g, '/').includes(`/node_modules/${dir}/build/esm/`);
	return {
		name: 'plenum-websocket-only-client',
		enforce: 'pre',
		applyToEnvironment: (env) => env.name === 'client',
		async resolveId(source, importer) {
			if (source === 'engine.io-client' && inside(importer, 'socket.io-client')) {
				const pkg = await this.resolve('engine.io-client/package.json', importer);
				return pkg && core + join(dirname(pkg.id), 'build', 'esm');
			}
			if (source === './transports/index.js' && inside(importer, 'engine.io-client') && importer!.endsWith('socket.js')) return wsOnly + dirname(importer!);
			// Plenum's protocol is JSON only: the parser's binary-attachment code (0.5 KB gzip) goes too.
			if ((source === './is-binary.js' || source === './binary.js') && inside(importer, 'socket.io-parser')) return noBinary + source;
			return null;
		},
		load(id) {
			const from = (dir: string, file: string) => JSON.stringify(join(dir, file));
			if (id.startsWith(core)) {
				const dir = id.slice(core.length);
				return [
					`export { Socket } from ${from(dir, 'socket.js')};`,
					`export { installTimerFunctions } from ${from(dir, 'util.js')};`,
					`export { nextTick } from ${from(dir, 'globals.js')};`,
					`export { parse } from ${from(dir, 'contrib/parseuri.js')};`,
					`export { WS as WebSocket } from ${from(dir, 'transports/websocket.js')};`,
					// socket.io-client's index re-exports these; Plenum takes XHR from pollingTransport.ts.
					'export const Fetch = undefined, NodeXHR = undefined, XHR = undefined, NodeWebSocket = undefined, WebTransport = undefined;'
				].join('\n');
			}
			if (id === `${noBinary}./is-binary.js`) return 'export const isBinary = () => false;\nexport const hasBinary = () => false;\n';
			if (id === `${noBinary}./binary.js`) {
				const refuse = "() => { throw new Error('Plenum sends no binary payloads'); }";
				return `export const deconstructPacket = ${refuse};\nexport const reconstructPacket = ${refuse};\n`;
			}
			if (id.startsWith(wsOnly)) return `import { WS } from ${from(id.slice(wsOnly.length), 'transports/websocket.js')};\nexport const transports = { websocket: WS };\n`;
			return null;
		}
	};
}

/** After adapter-node has written and precompressed the build: the phone's gzip files via zopfli. */
function zopfliAfterAdapter(): Plugin {
	let ssr = false;
	return {
		name: 'plenum-zopfli',
		apply: 'build',
		configResolved: (config) => void (ssr = !!config.build.ssr),
		closeBundle: {
			order: 'post',
			sequential: true,
			async handler() {
				// SvelteKit runs the adapter at the end of the server build, after the client build.
				if (!ssr) return;
				const { zopfliAssets } = await import('./scripts/zopfli.js');
				await zopfliAssets('build/client/_app/immutable');
			}
		}
	};
}

export default defineConfig({
	plugins: [
		sveltekit(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
			emitTsDeclarations: true
		}),
		plenumSockets(),
		websocketOnlyClient(),
		zopfliAfterAdapter()
	],
	// The build stays short: no timing report of the plugins after every build.
	build: { rolldownOptions: { checks: { bundlerTimings: false } } },
	test: {
		include: ['src/**/*.spec.ts', 'tests/integration/**/*.spec.ts', 'bench/**/*.spec.ts', 'scripts/**/*.spec.ts'],
		expect: { requireAssertions: true },
		testTimeout: 60_000,
		hookTimeout: 120_000,
		pool: 'forks',
		fileParallelism: false
	}
});
