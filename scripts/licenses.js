// `npm run licenses`: lists the third-party packages that ship with Plenum, checks that each one's
// licence lets us distribute it as part of an EUPL-1.2 work, and writes THIRD_PARTY_LICENSES.md
// (a table, then each package's licence file). `--check` writes nothing and fails when the
// committed file no longer matches node_modules, so a dependency change cannot slip past it.
// Exit 1 names every package whose licence is missing, unknown or not on the allow-list.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outFile = join(root, 'THIRD_PARTY_LICENSES.md');
const check = process.argv.includes('--check');

// Permissive licences, plus MPL-2.0: its copyleft is per file and the EUPL appendix lists it as
// compatible. Anything else (GPL/LGPL included: we would have to think first) fails until a
// person has looked at it and added it here with a reason.
const allowed = new Set(
	['MIT', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', '0BSD', 'Apache-2.0', 'Zlib', 'Unlicense', 'CC0-1.0', 'BlueOak-1.0.0', 'Python-2.0', 'MPL-2.0'].map((id) => id.toLowerCase())
);

// devDependencies whose code ends up in what we ship anyway, because Vite and adapter-node bundle
// it: npm's production tree does not show them. Found from the source maps of a `vite build`
// with `build.sourcemap` on (build/client and build/*.js); re-check when the stack changes.
// The browser bundle's other packages are production dependencies, so the tree walk lists them:
// chart.js (@kurkle/color), d3-cloud (d3-dispatch), socket.io-client (engine.io-client,
// engine.io-parser, socket.io-parser, @socket.io/component-emitter) and zod. qrcode runs on the server.
// `from` is the package that imports it, so the copy its import resolves to is the one listed.
const bundled = [
	// Browser and server: the component runtime of every page.
	{ name: 'svelte' },
	// Browser (router, hydration, forms) and server (request handling, SSR).
	{ name: '@sveltejs/kit' },
	// Kit and Svelte serialise page data with it, in the browser and on the server.
	{ name: 'devalue', from: '@sveltejs/kit' },
	// Kit and Svelte read BROWSER/DEV from it; it is inlined as constants.
	{ name: 'esm-env', from: 'svelte' },
	// Server bundle: Svelte's class attribute helper.
	{ name: 'clsx', from: 'svelte' },
	// Server bundle: Kit's cookie handling.
	{ name: 'cookie', from: '@sveltejs/kit' },
	{ name: 'set-cookie-parser', from: '@sveltejs/kit' },
	// Server bundle: build/index.js and handler.js come from adapter-node's files/ (which carry
	// its own vendored copies of polka, sirv, @polka/url, mrmime and totalist).
	{ name: '@sveltejs/adapter-node' },
	// src/lib/paraglide (messages and runtime, browser and server) is generated from its templates.
	{ name: '@inlang/paraglide-js' }
];

// Notices a package needs beyond its own licence files. PGlite ships PostgreSQL (18.7, compiled to
// WebAssembly: dist/pglite.wasm and pglite.data) under the PostgreSQL License, whose notice must
// travel with every copy, but its package carries only its own Apache-2.0 text.
const extraNotices = {
	'@electric-sql/pglite': [{ file: 'licenses/PostgreSQL-LICENSE.txt', about: 'PostgreSQL, which PGlite embeds as WebAssembly (dist/pglite.wasm, dist/pglite.data)' }]
};

/** The installed package.json of `name` as Node would resolve it from `fromDir`, or null. */
function resolve(name, fromDir) {
	for (let dir = fromDir; ; dir = dirname(dir)) {
		const file = join(dir, 'node_modules', name, 'package.json');
		if (existsSync(file)) return file;
		if (dir === root || dir === dirname(dir)) return null;
	}
}

const packages = new Map(); // "name@version" → entry
const seen = new Set(); // package directories already walked
const problems = [];

/** Records an installed package; returns it the first time its directory is seen, else null. */
function add(file) {
	const dir = dirname(file);
	if (seen.has(dir)) return null;
	seen.add(dir);
	const pkg = JSON.parse(readFileSync(file, 'utf8'));
	const key = `${pkg.name}@${pkg.version}`;
	const known = packages.get(key);
	// The same version installed twice is listed once, from the shortest path, so the output is stable.
	if (!known || relative(root, dir).length < known.dir.length)
		packages.set(key, { name: pkg.name, version: pkg.version, licence: licenceOf(pkg), repository: repositoryOf(pkg), dir: relative(root, dir) });
	return { pkg, dir };
}

/** The production tree: what `npm install --omit=dev` puts on the server. */
function walk(deps, optional, fromDir, parent) {
	for (const name of Object.keys(deps ?? {})) {
		const file = resolve(name, fromDir);
		if (!file) {
			if (!optional.has(name)) problems.push(`${name} (needed by ${parent}) is not installed: run npm ci first`);
			continue;
		}
		const found = add(file);
		if (found) {
			const { pkg, dir } = found;
			// Peers count when they are required: npm 7+ installs those with the package.
			const peers = Object.fromEntries(Object.entries(pkg.peerDependencies ?? {}).filter(([n]) => !pkg.peerDependenciesMeta?.[n]?.optional));
			const all = { ...pkg.dependencies, ...peers, ...pkg.optionalDependencies };
			walk(all, new Set(Object.keys(pkg.optionalDependencies ?? {})), dir, pkg.name);
		}
	}
}

/** SPDX expression from `license`, or from the legacy `licenses: [{ type }]` (any one of them). */
function licenceOf(pkg) {
	const l = pkg.license ?? pkg.licenses;
	if (typeof l === 'string') return l.trim();
	if (Array.isArray(l))
		return l
			.map((x) => (typeof x === 'string' ? x : x?.type))
			.filter(Boolean)
			.join(' OR ');
	if (l && typeof l === 'object' && l.type) return l.type;
	return '';
}

function repositoryOf(pkg) {
	const r = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
	if (!r) return pkg.homepage ?? '';
	const url = r
		.replace(/^git\+/, '')
		.replace(/^(git|ssh|http):\/\/(git@)?/, 'https://')
		.replace(/^git@([^:]+):/, 'https://$1/')
		.replace(/\.git$/, '');
	if (/^[\w.-]+\/[\w.-]+$/.test(url)) return `https://github.com/${url}`;
	return url.replace(/^github:/, 'https://github.com/');
}

/** Whether an SPDX expression is allowed: OR needs one side allowed, AND needs all. */
function isAllowed(expression) {
	const tokens = expression.match(/\(|\)|[^\s()]+/g) ?? [];
	let i = 0;
	const peek = () => tokens[i]?.toUpperCase();
	function or() {
		let ok = and();
		while (peek() === 'OR') {
			i++;
			ok = and() || ok;
		}
		return ok;
	}
	function and() {
		let ok = atom();
		while (peek() === 'AND') {
			i++;
			ok = atom() && ok;
		}
		return ok;
	}
	function atom() {
		const t = tokens[i++];
		if (t === undefined) throw new Error('incomplete');
		if (t === '(') {
			const ok = or();
			if (tokens[i++] !== ')') throw new Error('unbalanced');
			return ok;
		}
		// An exception only adds permissions, so "X WITH e" is as good as X.
		if (peek() === 'WITH') i += 2;
		return allowed.has(t.toLowerCase());
	}
	try {
		const ok = or();
		return i === tokens.length && ok;
	} catch {
		return false;
	}
}

/** Licence and notice files at the top of the package, as shipped. */
function licenceFiles(dir) {
	return readdirSync(join(root, dir))
		.filter((f) => /^(licen[cs]e|copying|notice)([.\-_].*)?$/i.test(f))
		.sort()
		.map((f) => join(dir, f));
}

function render(list) {
	const cell = (s) => String(s).replace(/\|/g, '\\|');
	const lines = [
		'# Third-party licences',
		'',
		'Plenum is licensed under the EUPL-1.2 ([LICENSE](LICENSE)). It ships with the packages below: the',
		'production dependencies that `npm install` puts on the server, and the development packages whose',
		'code the build bundles into the browser and server output (listed in `scripts/licenses.js`).',
		'Generated by `npm run licenses` from node_modules; do not edit by hand.',
		'',
		'| package | version | licence | repository |',
		'|---|---|---|---|',
		...list.map((p) => `| ${cell(p.name)} | ${p.version} | ${cell(p.licence)} | ${p.repository ? `<${p.repository}>` : ''} |`),
		'',
		'## Licence texts',
		''
	];
	for (const p of list) {
		lines.push(`### ${p.name} ${p.version}`, '');
		const files = licenceFiles(p.dir);
		if (files.length === 0) lines.push(`No licence file is shipped in \`${p.dir}\`; its package.json declares \`${p.licence}\`.`, '');
		for (const extra of extraNotices[p.name] ?? []) {
			const text = readFileSync(join(root, extra.file), 'utf8').replace(/\r\n?/g, '\n').trim();
			lines.push(`The notice of ${extra.about} (\`${extra.file}\`):`, '', '```text', text, '```', '');
		}
		for (const f of files) {
			// Only line endings and trailing spaces are touched, so the file stays byte-stable across platforms.
			const text = readFileSync(join(root, f), 'utf8')
				.replace(/^\uFEFF/, '')
				.replace(/\r\n?/g, '\n')
				.replace(/[ \t]+$/gm, '')
				.trim();
			const fence = '`'.repeat(Math.max(3, ...(text.match(/`+/g) ?? []).map((r) => r.length + 1)));
			lines.push(`\`${f}\`:`, '', `${fence}text`, text, fence, '');
		}
	}
	return lines.join('\n');
}

const project = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
walk(project.dependencies, new Set(Object.keys(project.optionalDependencies ?? {})), root, project.name);
for (const { name, from } of bundled) {
	const fromDir = from ? dirname(resolve(from, root) ?? root) : root;
	const file = resolve(name, fromDir);
	if (file) add(file);
	else problems.push(`${name} (bundled into the build) is not installed: run npm ci first`);
}

const list = [...packages.values()].sort((a, b) => (a.name === b.name ? a.version.localeCompare(b.version, 'en', { numeric: true }) : a.name < b.name ? -1 : 1));
for (const p of list) {
	if (!p.licence) problems.push(`${p.name}@${p.version} (${p.dir}) declares no licence`);
	else if (!isAllowed(p.licence)) problems.push(`${p.name}@${p.version} (${p.dir}) is licensed "${p.licence}", which is not on the allow-list for distribution under EUPL-1.2`);
}

const counts = {};
for (const p of list) counts[p.licence || '(none)'] = (counts[p.licence || '(none)'] ?? 0) + 1;
console.log(
	`licenses: ${list.length} packages: ${Object.entries(counts)
		.sort((a, b) => b[1] - a[1])
		.map(([l, n]) => `${n} ${l}`)
		.join(', ')}`
);

if (problems.length) {
	for (const p of problems) console.error(`licenses: ${p}`);
	console.error(`licenses: ${problems.length} problem(s); THIRD_PARTY_LICENSES.md not ${check ? 'checked' : 'written'}`);
	process.exit(1);
}

const text = render(list);
if (check) {
	const committed = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
	if (committed !== text) {
		console.error('licenses: THIRD_PARTY_LICENSES.md is out of date with node_modules: run `npm run licenses` and commit it');
		process.exit(1);
	}
	console.log('licenses: THIRD_PARTY_LICENSES.md is up to date');
} else {
	writeFileSync(outFile, text);
	console.log('licenses: wrote THIRD_PARTY_LICENSES.md');
}
