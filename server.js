// Production entry: SvelteKit's adapter-node handler plus socket.io on one HTTP server,
// with a graceful shutdown that lets queued votes commit before the database closes.
import compression from 'compression';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { Server } from 'socket.io';

// Settings from .env (see .env.example); the environment wins over the file. PLENUM_ENV_FILE
// names another file, or is empty to read none (the tests do, so a developer's .env cannot leak in).
const envFile = process.env.PLENUM_ENV_FILE ?? '.env';
if (envFile && existsSync(envFile)) process.loadEnvFile(envFile);

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';

// adapter-node assumes https unless told otherwise, which breaks links and SvelteKit's same-origin
// check for form posts on a plain-http venue server. Without ORIGIN, we tell it the real protocol:
// what a TLS-terminating proxy forwarded, or that of the connection itself.
const protocolHeader = 'x-plenum-protocol';
const deriveProtocol = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (deriveProtocol) process.env.PROTOCOL_HEADER = protocolHeader;

// The benchmark's probe (event-loop delay); off in production.
if (process.env.PLENUM_METRICS === '1') await import('./bench/metrics.js');

const io = new Server({ path: '/socket.io', maxHttpBufferSize: 16_000, serveClient: false });
globalThis[Symbol.for('plenum.io')] = io;

// Importing the handler runs the server hook `init`, which opens the database, applies
// migrations and attaches the socket handlers. A failure there stops the process with its message.
let handler;
try {
	({ handler } = await import('./build/handler.js'));
	await globalThis[Symbol.for('plenum.app')];
} catch (e) {
	console.error(`Plenum could not start: ${e instanceof Error ? e.message : e}`);
	process.exit(1);
}

// HTML and JSON go out compressed (brotli or gzip, as the client accepts). Built assets are
// precompressed at build time (adapter-node `precompress`); their Content-Encoding makes the
// middleware pass them through untouched. socket.io's own requests never reach this handler.
const compress = compression({ threshold: 1024 });

const server = http.createServer((req, res) => {
	if (deriveProtocol) {
		const forwarded = String(req.headers['x-forwarded-proto'] ?? '')
			.split(',')[0]
			.trim();
		req.headers[protocolHeader] = forwarded === 'https' || forwarded === 'http' ? forwarded : req.socket.encrypted ? 'https' : 'http';
	}
	compress(req, res, () => handler(req, res));
});
io.attach(server);
// A hall joining at once opens hundreds of connections a second. With Node's default backlog (511)
// the kernel drops connection attempts while the process is busy for a moment, and phones wait out
// TCP's retransmission backoff (1, 3, 7 s…). The kernel caps this at net.core.somaxconn.
server.listen({ port, host, backlog: 4096 }, async () => {
	console.log(`Plenum is listening on ${host}:${port}`);
	console.log((await globalThis[Symbol.for('plenum.app')]).banner);
});

let stopping = false;
async function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	console.log(`${signal}: shutting down`);
	const force = setTimeout(() => process.exit(1), 10_000);
	force.unref();
	server.close();
	io.close();
	try {
		const app = await globalThis[Symbol.for('plenum.app')];
		await app?.shutdown();
	} catch (e) {
		console.error(e);
	}
	process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
