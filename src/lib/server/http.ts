import { json, type RequestEvent } from '@sveltejs/kit';
import { DomainError, toErrorBody } from '$lib/domain/errors';
import { asDomainError } from './errors';
import { authenticate, type Actor } from './access/access.service';
import { getApp } from './app';
import type { Ctx } from './context';
import { randomId } from '$lib/domain/ids';

/** Helpers that keep +server.ts endpoints thin: read input, call a service, map errors to 4xx. */

const MAX_BODY = 16 * 1024;

export async function readJson(request: Request): Promise<unknown> {
	const type = request.headers.get('content-type') ?? '';
	if (!type.includes('application/json')) throw new DomainError('invalid_input', 'Send a JSON body with Content-Type: application/json.');
	const length = Number(request.headers.get('content-length') ?? 0);
	if (length > MAX_BODY) throw new DomainError('too_large', `The body must be at most ${MAX_BODY} bytes.`);
	const bytes = new Uint8Array(await request.arrayBuffer());
	if (bytes.byteLength > MAX_BODY) throw new DomainError('too_large', `The body must be at most ${MAX_BODY} bytes.`);
	const text = new TextDecoder().decode(bytes);
	try {
		return JSON.parse(text);
	} catch {
		throw new DomainError('invalid_input', 'The body is not valid JSON.');
	}
}

/** The bearer token of an API call (Authorization: Bearer …). */
export async function actorOf(ctx: Ctx, event: RequestEvent): Promise<Actor> {
	const header = event.request.headers.get('authorization') ?? '';
	const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
	return authenticate(ctx.db, token);
}

/** Runs an API handler: JSON out, domain errors as their 4xx, anything else as a logged 503. */
export async function api(fn: (ctx: Ctx) => Promise<unknown>, status = 200): Promise<Response> {
	try {
		const { ctx } = await getApp();
		const data = await fn(ctx);
		if (data instanceof Response) return data;
		return data === undefined ? new Response(null, { status: 204 }) : json(data, { status });
	} catch (e) {
		const known = asDomainError(e);
		if (known) return json({ error: toErrorBody(known) }, { status: known.status });
		console.error('API handler failed', e);
		return json({ error: { code: 'unavailable', message: 'The server could not complete this; please retry.' } }, { status: 503 });
	}
}

/** A create body may carry a client-chosen `id` that makes a retried create harmless; the rest is the input. */
export function splitId(body: unknown): { id: unknown; input: unknown } {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return { id: randomId(), input: body };
	const { id, ...input } = body as { id?: unknown };
	return { id: id ?? randomId(), input };
}

/** A CSV download; the file name is ASCII-only so every browser accepts it. */
export function csvResponse(name: string, body: string): Response {
	const file = name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80) || 'export';
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${file}.csv"`,
			'cache-control': 'no-store'
		}
	});
}
