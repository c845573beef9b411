import { randomId } from '$lib/domain/ids';
import type { AudienceView } from '$lib/realtime/protocol';
import type { LiveSession } from './liveSession.svelte';

export type VoteStatus = 'idle' | 'sending' | 'saved' | 'queued' | 'error';

/**
 * A phone's vote: shown at once, sent with a submission id, and kept in a one-slot outbox until
 * the server acknowledges the commit. If the network drops, the same submission is resent on
 * reconnect, so it counts exactly once.
 */
export class AudienceVoting {
	status = $state<VoteStatus>('idle');
	errorCode = $state<string | null>(null);
	/** What the phone shows as chosen, before and after the server confirms. */
	shown = $state<Record<string, string[]>>({});
	private outbox: { pollId: string; choices: string[]; submissionId: string } | null = null;

	constructor(private readonly live: LiveSession<AudienceView>) {
		live.whenOnline(() => void this.flush());
	}

	chosen(pollId: string): string[] {
		return this.shown[pollId] ?? this.live.myVotes[pollId] ?? [];
	}

	hasVoted(pollId: string): boolean {
		return pollId in this.live.myVotes;
	}

	async vote(pollId: string, choices: string[]): Promise<void> {
		this.shown[pollId] = choices;
		this.outbox = { pollId, choices, submissionId: randomId() };
		this.errorCode = null;
		await this.flush();
	}

	private async flush(): Promise<void> {
		const item = this.outbox;
		if (!item) return;
		if (!this.live.connected) {
			this.status = 'queued';
			return;
		}
		this.status = 'sending';
		const res = await this.live.vote(item);
		if (this.outbox !== item) return; // a newer choice replaced this one while in flight
		if (res.ok) {
			this.outbox = null;
			this.live.myVotes[item.pollId] = res.data.choices;
			delete this.shown[item.pollId];
			this.status = 'saved';
		} else if (res.error.code === 'unavailable') {
			this.status = 'queued'; // resent with the same submission id when back online
		} else {
			this.outbox = null;
			delete this.shown[item.pollId];
			this.status = 'error';
			this.errorCode = res.error.code;
		}
	}
}
