import type { AudienceView, VoteResult } from '$lib/realtime/protocol';
import type { LiveSession } from './liveSession.svelte';
import type { Outbox, OutboxItem } from './outbox.svelte';

interface Choice {
	pollId: string;
	choices: string[];
}

/**
 * A phone's poll votes: shown at once and kept in the outbox, one per poll (a newer choice replaces
 * one not sent yet), until the server acknowledges the commit.
 */
export class AudienceVoting {
	/** Ticks of a multiple-choice poll not sent yet: kept here, so switching tabs keeps them. */
	ticked = $state<Record<string, string[]>>({});
	/** Whether the phone voted here with JavaScript: then a refused form post no longer speaks for it. */
	acted = $state(false);
	readonly outbox: Outbox<Choice, VoteResult>;

	constructor(private readonly live: LiveSession<AudienceView>) {
		this.outbox = live.outbox({
			socket: (p, submissionId) => live.send('vote', { ...p, submissionId }),
			http: (p, submissionId) => [`/api/polls/${p.pollId}/votes`, { choices: p.choices, submissionId }],
			acked: (p, r) => (live.myVotes[p.pollId] = r.choices)
		});
	}

	/** The phone's vote on a poll that is on its way or was refused, if any. */
	pending(pollId: string): OutboxItem<Choice> | undefined {
		return this.outbox.find(pollId);
	}

	/** What the phone shows as chosen, before and after the server confirms. */
	chosen(pollId: string): string[] {
		const p = this.pending(pollId);
		return p && !p.error ? p.payload.choices : (this.live.myVotes[pollId] ?? []);
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

	vote(pollId: string, choices: string[]): Promise<void> {
		this.acted = true;
		return this.outbox.push({ pollId, choices }, pollId);
	}
}
