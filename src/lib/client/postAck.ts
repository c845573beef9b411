import type { Ack } from '$lib/realtime/protocol';

/**
 * The HTTP fallback for phone actions (same service, same submission id) on networks that block
 * WebSockets and long-polling alike. Answers in the socket's Ack shape; a 5xx or no network is
 * `unavailable`, which callers retry.
 */
export async function postAck<T>(url: string, body: unknown, method: 'POST' | 'PUT' = 'POST'): Promise<Ack<T>> {
	try {
		const res = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		const data = await res.json();
		if (res.ok) return { ok: true, data: data as T };
		if (res.status >= 500 || !data?.error) return { ok: false, error: { code: 'unavailable', message: 'server error' } };
		return { ok: false, error: data.error };
	} catch {
		return { ok: false, error: { code: 'unavailable', message: 'offline' } };
	}
}
