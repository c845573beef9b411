import { randomId } from '$lib/domain/ids';
import type { Ack, AudienceView, VoteResult } from '$lib/realtime/protocol';
import type { LiveSession } from './liveSession.svelte';
import { postAck } from './postAck';
import { Retry } from './retry';

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
	/** Ticks of a multiple-choice poll not sent yet: kept here, so switching tabs keeps them. */
	ticked = $state<Record<string, string[]>>({});
	private outbox: { pollId: string; choices: string[]; submissionId: string } | null = null;
	private retry = new Retry(() => void this.flush());

	constructor(private readonly live: LiveSession<AudienceView>) {
		live.whenOnline(() => void this.flush());
	}

	chosen(pollId: string): string[] {
		return this.shown[pollId] ?? this.live.myVotes[pollId] ?? [];
	}

	/** The ticked options of a multiple-choice poll: the phone's own choices until it changes them. */
	ticks(pollId: string): string[] {
		return this.ticked[pollId] ?? this.chosen(pollId);
	}

	toggle(pollId: string, optionId: string, max: number): void {
		const now = this.ticks(pollId);
		if (now.includes(optionId)) this.ticked[pollId] = now.filter((x) => x !== optionId);
		else if (now.length < max) this.ticked[pollId] = [...now, optionId];
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
		this.status = 'sending';
		// Over the socket when it is up; over HTTP (same service, same submission id) when it is not,
		// for networks that block WebSockets and long-polling alike.
		const res = this.live.connected ? await this.live.vote(item) : await postVote(item);
		if (this.outbox !== item) return; // a newer choice replaced this one while in flight
		if (res.ok) {
			this.retry.reset();
			this.outbox = null;
			this.live.myVotes[item.pollId] = res.data.choices;
			delete this.shown[item.pollId];
			this.status = 'saved';
		} else if (res.error.code === 'unavailable') {
			// Resent with the same submission id: on reconnect, and after a backoff meanwhile
			// (offline, the ack timed out, or the server could not commit).
			this.status = 'queued';
			this.retry.later();
		} else {
			this.outbox = null;
			delete this.shown[item.pollId];
			this.status = 'error';
			this.errorCode = res.error.code;
		}
	}
}

function postVote(item: { pollId: string; choices: string[]; submissionId: string }): Promise<Ack<VoteResult>> {
	return postAck(`/api/polls/${item.pollId}/votes`, { choices: item.choices, submissionId: item.submissionId });
}
