// The floor: a bare socket.io server that only acknowledges, on the same machine and transport.
// `npm run bench` drives it with the same phones, so our latency can be read as a ratio to it.
import http from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.env.PORT ?? 4402);
const server = http.createServer((req, res) => {
	res.writeHead(200, { 'content-type': 'application/json' });
	res.end('{}');
});
const io = new Server(server, { path: '/socket.io' });
io.on('connection', (socket) => {
	socket.on('snapshot', (ack) => typeof ack === 'function' && ack({ ok: true, data: {} }));
	for (const event of ['vote', 'qa:vote', 'cloud:submit']) socket.on(event, (p, ack) => typeof ack === 'function' && ack({ ok: true, data: p }));
});
server.listen(port, '127.0.0.1', () => console.log(`floor listening on ${port}`));
