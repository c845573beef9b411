import type { ErrorBody } from '$lib/domain/errors';
import { randomId } from '$lib/domain/ids';
import type { Ack } from '$lib/realtime/protocol';
import type { LiveSession } from './liveSession.svelte';
import { postAck } from './postAck';

export type OutboxStatus = 'sending' | 'queued' | 'error';

export interface OutboxItem<P> {
	/** The submission id, chosen once: a resend is the same submission, so the server counts it once. */
	id: string;
	/** What the action sets (a poll's vote, a question's vote): a newer action on it replaces this one. */
	key: string | null;
	payload: P;
	status: OutboxStatus;
	/** Why the server refused it: kept, to be shown until the user dismisses it. */
	error: ErrorBody | null;
}

/** How one kind of action travels, and what its acknowledgement changes on the phone. */
export interface Route<P, R> {
	socket(payload: P, id: string): Promise<Ack<R>>;
	/** The same service over HTTP (url, body, method), for networks that block WebSockets and long-polling alike. */
	http(payload: P, id: string): Parameters<typeof postAck>;
	acked(payload: P, result: R): void;
	refused?(payload: P, error: ErrorBody): void;
}

/**
 * The phone's one outbox design, for every action of every activity and of Q&A: an action is shown
 * at once, sent in order with a submission id chosen once, resent with that id on reconnect and
 * after a backoff until the server acknowledges it, and its acknowledgement is applied once.
 * A refusal stays with its error until dismissed, or until a newer action on the same key.
 */
export class Outbox<P, R> {
	items = $state<OutboxItem<P>[]>([]);
	// One send in flight at a time: a reconnect and a retry timer firing together must not both send.
	private busy = false;
	// Backoff while the server cannot be reached: 1 s, 2 s, 4 s … up to 15 s, one timer at a time.
	private delayMs = 1000;
	private timer: ReturnType<typeof setTimeout> | null = null;

	constructor(
		private readonly live: Pick<LiveSession, 'connected' | 'whenOnline'>,
		private readonly route: Route<P, R>
	) {
		live.whenOnline(() => void this.flush());
	}

	/**
	 * Queues an action. With a key, it replaces what is still waiting on that key; one already in
	 * flight is left to land, but its answer no longer counts: the newer action is sent after it.
	 */
	push(payload: P, key: string | null = null): Promise<void> {
		if (key !== null) this.items = this.items.filter((i) => i.key !== key);
		this.items.push({ id: randomId(), key, payload, status: 'sending', error: null });
		return this.flush();
	}

	dismiss(id: string): void {
		this.items = this.items.filter((i) => i.id !== id);
	}

	/** The action on a key (waiting or refused), if any: a key holds one at most. */
	find(key: string): OutboxItem<P> | undefined {
		return this.items.find((i) => i.key === key);
	}

	/** Actions still on their way (refused ones excluded). */
	get waiting(): OutboxItem<P>[] {
		return this.items.filter((i) => !i.error);
	}

	private async flush(): Promise<void> {
		if (this.busy) return;
		this.busy = true;
		try {
			let item: OutboxItem<P> | undefined;
			while ((item = this.waiting[0])) {
				const { id, payload } = item;
				item.status = 'sending';
				const res = await (this.live.connected ? this.route.socket(payload, id) : postAck<R>(...this.route.http(payload, id)));
				// Replaced by a newer action on its key while in flight: that one says what the phone wants.
				const current = this.items.find((i) => i.id === id);
				if (res.ok) {
					this.delayMs = 1000;
					this.dismiss(id);
					if (current) this.route.acked(payload, res.data);
				} else if (res.error.code === 'unavailable') {
					// Offline, the ack timed out, or the server could not commit: everything waits, in order,
					// and is resent with the same ids on reconnect and after a backoff meanwhile.
					for (const i of this.waiting) i.status = 'queued';
					this.timer ??= setTimeout(() => {
						this.timer = null;
						void this.flush();
					}, this.delayMs);
					this.delayMs = Math.min(this.delayMs * 2, 15_000);
					return;
				} else if (current) {
					current.status = 'error';
					current.error = res.error;
					this.route.refused?.(payload, res.error);
				}
			}
		} finally {
			this.busy = false;
		}
	}
}
