// What a phone's browser does on its first visit, before its socket opens: loads /<code> (the
// event's join address), follows the redirect to /s/<id> (or, with several sessions, the first
// session the event page lists), gets the server-rendered page with the snapshot embedded, then
// fetches each script and stylesheet that page references, once, as compressed as the server
// sends them. Node's http, not fetch: the bytes counted are the bytes on the wire (bodies; headers
// left out), and nothing is decompressed, as a phone's network stack would before parsing.
import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

const HEADERS = { 'accept-encoding': 'gzip, br', 'user-agent': 'plenum-bench-phone' };

/** One GET on the phone's own connections: status, headers, raw body bytes. */
function get(agent, url, cookie, accept) {
	return new Promise((resolve, reject) => {
		const req = http.get(url, { agent, headers: { ...HEADERS, accept, ...(cookie ? { cookie } : {}) } }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
			res.on('error', reject);
		});
		req.setTimeout(20_000, () => req.destroy(new Error('page timeout')));
		req.on('error', reject);
	});
}

/** The scripts and stylesheets a page references: Link preload headers, <link>, <script src> and the inline import()s. */
function assetsOf(html, linkHeader, base) {
	const urls = new Set();
	for (const m of String(linkHeader ?? '').matchAll(/<([^>]+)>\s*;[^,]*rel="?(modulepreload|preload|stylesheet)/g)) urls.add(m[1]);
	for (const m of html.matchAll(/<link\b[^>]*>/g)) {
		const rel = /\brel="?([^"\s>]+)/.exec(m[0])?.[1];
		const href = /\bhref="([^"]+)"/.exec(m[0])?.[1];
		if (href && (rel === 'stylesheet' || rel === 'modulepreload')) urls.add(href);
	}
	for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) urls.add(m[1]);
	for (const m of html.matchAll(/\bimport\("([^"]+)"\)/g)) urls.add(m[1]);
	return [...new Set([...urls].map((u) => new URL(u, base).href))];
}

const cookieFrom = (headers) => (headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).find((c) => c.startsWith('plenum_pid='));

/**
 * Loads the join page as a first-time phone: returns the session it landed in, the participant
 * cookie the server set (or `fallbackCookie` when it set none), and the bytes and requests it took.
 */
export async function loadJoinPage(base, code, fallbackCookie) {
	// A browser opens up to six connections to one host; they close when the phone leaves the page.
	const agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
	let bytes = 0;
	let requests = 0;
	let cookie = null;
	const fetchOne = async (url, accept = '*/*') => {
		const r = await get(agent, url, cookie, accept);
		bytes += r.body.length;
		requests++;
		cookie = cookieFrom(r.headers) ?? cookie;
		if (r.status >= 400) throw new Error(`${new URL(url).pathname.split('/')[1] || '/'} ${r.status}`);
		return r;
	};
	try {
		const html = 'text/html';
		let url = `${base}/${code}`;
		let r = await fetchOne(url, html);
		for (let hops = 0; r.status >= 300 && r.status < 400; hops++) {
			if (hops > 3) throw new Error('too many redirects');
			url = new URL(r.headers.location, url).href;
			r = await fetchOne(url, html);
		}
		let sessionId = /\/s\/([0-9a-f-]{36})/.exec(url)?.[1] ?? null;
		if (!sessionId) {
			// The event page lists its sessions: the phone taps the first.
			const first = /href="([^"]*\/s\/([0-9a-f-]{36}))"/.exec(r.body.toString())?.[1];
			if (!first) throw new Error('no session on the event page');
			url = new URL(first, url).href;
			r = await fetchOne(url, html);
			sessionId = /\/s\/([0-9a-f-]{36})/.exec(url)[1];
		}
		const setCookie = cookie !== null;
		const page = decoded(r);
		const assets = assetsOf(page, r.headers.link, url);
		await Promise.all(assets.map((a) => fetchOne(a)));
		return { sessionId, cookie: cookie ?? fallbackCookie, setCookie, bytes, requests, assets: assets.length };
	} finally {
		agent.destroy();
	}
}

/** The page's HTML text (the phone parses it; its bytes are already counted compressed). */
function decoded(r) {
	const enc = r.headers['content-encoding'];
	const body = enc === 'br' ? brotliDecompressSync(r.body) : enc === 'gzip' ? gunzipSync(r.body) : r.body;
	return body.toString();
}
