import type { Ack } from '$lib/realtime/protocol';
import type { LiveSession } from './liveSession.svelte';
import { Retry } from './retry';

export type OutboxStatus = 'sending' | 'queued' | 'error';

export interface OutboxItem<P> {
	/** The submission id: a resend is the same submission, so it counts once. */
	id: string;
	payload: P;
	status: OutboxStatus;
	errorCode: string | null;
}

/**
 * A phone's pending actions (word-cloud entries, wall answers and upvotes): shown at once, sent in
 * order, kept until the server acknowledges the commit. While offline they wait and are resent on
 * reconnect and after a backoff; an action the server refuses stays with its error until dismissed.
 */
export class Outbox<P, R> {
	items = $state<OutboxItem<P>[]>([]);
	private flushing = false;
	private retry = new Retry(() => void this.flush());

	constructor(
		live: LiveSession,
		private readonly send: (payload: P, id: string) => Promise<Ack<R>>,
		private readonly done: (payload: P, result: R) => void
	) {
		live.whenOnline(() => void this.flush());
	}

	async push(id: string, payload: P): Promise<void> {
		this.items.push({ id, payload, status: 'sending', errorCode: null });
		await this.flush();
	}

	dismiss(id: string): void {
		this.items = this.items.filter((i) => i.id !== id);
	}

	get waiting(): OutboxItem<P>[] {
		return this.items.filter((i) => i.status !== 'error');
	}

	private async flush(): Promise<void> {
		if (this.flushing) return;
		this.flushing = true;
		try {
			for (const item of this.items.filter((i) => i.status !== 'error')) {
				item.status = 'sending';
				const res = await this.send(item.payload, item.id);
				if (res.ok) {
					this.retry.reset();
					this.items = this.items.filter((i) => i.id !== item.id);
					this.done(item.payload, res.data);
				} else if (res.error.code === 'unavailable') {
					// Everything after it waits too: actions keep their order.
					for (const i of this.items) if (i.status === 'sending') i.status = 'queued';
					this.retry.later();
					return;
				} else {
					item.status = 'error';
					item.errorCode = res.error.code;
				}
			}
		} finally {
			this.flushing = false;
		}
	}
}
