import type { AudienceView, CloudView } from '$lib/realtime/protocol';
import type { LiveSession } from './liveSession.svelte';
import type { Outbox } from './outbox.svelte';

interface Entry {
	cloudId: string;
	text: string;
	language?: string;
}

/** A phone's word-cloud entries: its saved ones, and the ones on their way or refused (the outbox). */
export class CloudAudience {
	readonly outbox: Outbox<Entry, { id: string; text: string; duplicate: boolean }>;

	constructor(private readonly live: LiveSession<AudienceView>) {
		this.outbox = live.outbox({
			socket: (p, id) => live.send('cloud:submit', { ...p, id }),
			http: (p, id) => [`/api/wordclouds/${p.cloudId}/entries`, { id, text: p.text, language: p.language }],
			acked: (p, r) => {
				// Assigned anew rather than pushed: a missing list would be a raw array, not the state proxy.
				const mine = this.saved(p.cloudId);
				if (!mine.some((e) => e.id === r.id)) live.myEntries[p.cloudId] = [...mine, { id: r.id, text: r.text }];
			}
		});
	}

	saved(cloudId: string): { id: string; text: string }[] {
		return this.live.myEntries[cloudId] ?? [];
	}

	pending(cloudId: string) {
		return this.outbox.items.filter((i) => i.payload.cloudId === cloudId);
	}

	/** Entries the phone may still send (those on their way count as sent). */
	remaining(cloud: CloudView): number {
		const waiting = this.outbox.waiting.filter((i) => i.payload.cloudId === cloud.id).length;
		return Math.max(0, cloud.maxEntries - this.saved(cloud.id).length - waiting);
	}

	submit(cloudId: string, text: string, language: string): Promise<void> {
		return this.outbox.push({ cloudId, text, language });
	}
}
