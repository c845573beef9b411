import { randomId } from '$lib/domain/ids';
import type { AudienceView, CloudView } from '$lib/realtime/protocol';
import type { LiveSession } from './liveSession.svelte';
import { Outbox } from './outbox.svelte';
import { postAck } from './postAck';

interface EntryPayload {
	cloudId: string;
	id: string;
	text: string;
	language?: string;
}

/** A phone's word-cloud entries: its saved ones, and the ones still on their way (in an outbox). */
export class CloudAudience {
	readonly outbox: Outbox<EntryPayload, { id: string; text: string; duplicate: boolean }>;

	constructor(private readonly live: LiveSession<AudienceView>) {
		this.outbox = new Outbox(
			live,
			(p) => (live.connected ? live.submitEntry(p) : postAck(`/api/wordclouds/${p.cloudId}/entries`, { id: p.id, text: p.text, language: p.language })),
			(p, r) => {
				live.myActivity ??= { entries: {}, wall: null };
				// Assigned anew rather than pushed: `??=` would hand back the raw array, not the state proxy.
				const mine = live.myActivity.entries[p.cloudId] ?? [];
				if (!mine.some((e) => e.id === r.id)) live.myActivity.entries[p.cloudId] = [...mine, { id: r.id, text: r.text }];
			}
		);
	}

	saved(cloudId: string): { id: string; text: string }[] {
		return this.live.myActivity?.entries[cloudId] ?? [];
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
		const id = randomId();
		return this.outbox.push(id, { cloudId, id, text, language });
	}
}
