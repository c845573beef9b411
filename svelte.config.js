import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	compilerOptions: {
		// Runes everywhere in our code; libraries decide for themselves.
		runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true)
	},
	kit: {
		// precompress: every built asset also as .br and .gz, served as the browser accepts.
		adapter: adapter({ out: 'build', precompress: true }),
		csrf: { trustedOrigins: [] },
		router: { resolution: 'server' }
	}
};

export default config;
