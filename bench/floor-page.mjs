// The floor's pages: what a phone's first visit costs when nothing is rendered. The floor answers
// the join address with the same redirect and participant cookie as Plenum, and the session page
// with a static page that references the same scripts and stylesheets as Plenum's audience page
// (read from the production build), all held in memory and precompressed once at start. So the
// floor's join downloads the same assets as Plenum's; only the HTML is static (no snapshot in it)
// and nothing touches a database.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const root = new URL('../build/', import.meta.url).pathname;
const literal = (src, name) => JSON.parse(new RegExp(`${name} = (\\[[^\\]]*\\])`).exec(src)?.[1] ?? '[]');

/** The scripts and stylesheets of the audience page (/s/[id]): its node's and the root layout's, and the entry points. */
function audienceAssets() {
	const dir = join(root, 'server/chunks/nodes');
	const nodes = readdirSync(dir)
		.filter((f) => f.endsWith('.js'))
		.map((f) => readFileSync(join(dir, f), 'utf8'));
	const page = nodes.find((s) => s.includes('pages/s/_id_uuid_/_page.svelte'));
	const layout = nodes.find((s) => s.includes('pages/_layout.svelte'));
	if (!page || !layout) return null;
	const entry = join(root, 'client/_app/immutable/entry');
	const entries = readdirSync(entry)
		.filter((f) => f.endsWith('.js'))
		.map((f) => `_app/immutable/entry/${f}`);
	// With their static imports, as SvelteKit's modulepreload list has them (and a browser fetches them).
	const scripts = new Set([...entries, ...literal(layout, 'imports'), ...literal(page, 'imports')]);
	for (const s of scripts) {
		const src = readFileSync(join(root, 'client', s), 'utf8');
		for (const m of src.matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.js)"/g)) scripts.add(new URL(m[1], `http://x/${s}`).pathname.slice(1));
	}
	return {
		scripts: [...scripts],
		styles: [...new Set([...literal(layout, 'stylesheets'), ...literal(page, 'stylesheets')])],
		entries
	};
}

/** A request handler for the join address, the session page and the build's assets; null where there is no build. */
export function floorPages() {
	if (!existsSync(join(root, 'server/chunks/nodes'))) return null;
	const assets = audienceAssets();
	if (!assets) return null;
	const sessionId = randomUUID();
	const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Floor</title>
${assets.styles.map((s) => `<link href="../${s}" rel="stylesheet">`).join('\n')}
${assets.scripts.map((s) => `<link href="../${s}" rel="modulepreload">`).join('\n')}
</head><body><main>Floor</main><script>Promise.all([${assets.entries.map((e) => `import("../${e}")`).join(', ')}]);</script></body></html>`;
	const files = new Map([[`/s/${sessionId}`, { type: 'text/html', raw: Buffer.from(html) }]]);
	for (const a of [...assets.scripts, ...assets.styles]) {
		const raw = readFileSync(join(root, 'client', a));
		files.set(`/${a}`, { type: a.endsWith('.css') ? 'text/css' : 'text/javascript', raw });
	}
	for (const f of files.values()) Object.assign(f, { br: brotliCompressSync(f.raw), gz: gzipSync(f.raw) });
	return (req, res) => {
		const path = req.url.split('?')[0];
		if (/^\/[A-Z0-9]{1,8}$/.test(path)) {
			res.writeHead(303, { location: `/s/${sessionId}`, 'set-cookie': `plenum_pid=${randomBytes(24).toString('base64url')}; Path=/; HttpOnly; SameSite=Lax` });
			return (res.end(), true);
		}
		const f = files.get(path);
		if (!f) return false;
		const enc = String(req.headers['accept-encoding'] ?? '');
		const [body, encoding] = enc.includes('br') ? [f.br, 'br'] : enc.includes('gzip') ? [f.gz, 'gzip'] : [f.raw, null];
		res.writeHead(200, { 'content-type': f.type, 'content-length': body.length, ...(encoding ? { 'content-encoding': encoding } : {}) });
		res.end(body);
		return true;
	};
}
