import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin, ViteDevServer } from 'vite';
import { defineConfig } from 'vitest/config';

/** socket.io on the dev server, wired to the same app module SvelteKit uses. */
function plenumSockets(): Plugin {
	return {
		name: 'plenum-socket.io',
		async configureServer(server: ViteDevServer) {
			if (!server.httpServer) return;
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

export default defineConfig({
	plugins: [
		sveltekit(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
			emitTsDeclarations: true
		}),
		plenumSockets()
	],
	// The build stays short: no timing report of the plugins after every build.
	build: { rolldownOptions: { checks: { bundlerTimings: false } } },
	test: {
		include: ['src/**/*.spec.ts', 'tests/integration/**/*.spec.ts'],
		expect: { requireAssertions: true },
		testTimeout: 60_000,
		hookTimeout: 120_000,
		pool: 'forks',
		fileParallelism: false
	}
});
