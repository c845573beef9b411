import type { AuthorAnswer, MyWall } from '$lib/domain/wall';
import type { AudienceView, WallView } from '$lib/realtime/protocol';
import type { LiveSession } from './liveSession.svelte';
import type { Outbox } from './outbox.svelte';

interface Answer {
	wallId: string;
	text: string;
}
interface Upvote {
	wallId: string;
	answerId: string;
	value: 0 | 1;
	/** The answer's text, to say which upvote a refusal is about (not sent). */
	text: string;
}

/** A phone's wall answers and upvotes: shown at once, kept in outboxes until the server commits them. */
export class WallAudience {
	readonly answers: Outbox<Answer, AuthorAnswer>;
	/** One upvote per answer: a newer tap replaces one not sent yet. */
	readonly votes: Outbox<Upvote, { answerId: string; value: 0 | 1 }>;

	constructor(private readonly live: LiveSession<AudienceView>) {
		this.answers = live.outbox({
			socket: (p, id) => live.send('wall:answer', { ...p, id }),
			http: (p, id) => [`/api/walls/${p.wallId}/answers`, { id, text: p.text }],
			acked: (p, r) => {
				const mine = this.mine(p.wallId);
				if (!mine.answers.some((a) => a.id === r.id)) mine.answers.push(r);
			}
		});
		this.votes = live.outbox({
			socket: ({ answerId, value }, submissionId) => live.send('wall:vote', { answerId, value, submissionId }),
			http: ({ answerId, value }, submissionId) => [`/api/answers/${answerId}/vote`, { value, submissionId }],
			acked: (p, r) => {
				const mine = this.mine(p.wallId);
				// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a throwaway set that removes a repeat, never kept
				mine.votes = r.value === 1 ? [...new Set([...mine.votes, r.answerId])] : mine.votes.filter((id) => id !== r.answerId);
			}
		});
	}

	/** The phone's own answers and upvotes on a wall, made on first use (as the state proxy). */
	private mine(wallId: string): MyWall {
		if (!this.live.myWalls[wallId]) this.live.myWalls[wallId] = { wallId, answers: [], votes: [] };
		return this.live.myWalls[wallId];
	}

	saved(wallId: string): AuthorAnswer[] {
		return this.live.myWalls[wallId]?.answers ?? [];
	}

	pending(wallId: string) {
		return this.answers.items.filter((i) => i.payload.wallId === wallId);
	}

	/** Upvotes on a wall that the server refused, kept until dismissed. */
	refusedVotes(wallId: string) {
		return this.votes.items.filter((i) => i.error && i.payload.wallId === wallId);
	}

	remaining(wall: WallView): number {
		const waiting = this.answers.waiting.filter((i) => i.payload.wallId === wall.id).length;
		return Math.max(0, wall.maxAnswers - this.saved(wall.id).length - waiting);
	}

	/** Shown at once: the tap on its way wins over what the server last confirmed. */
	upvoted(wallId: string, answerId: string): boolean {
		const p = this.votes.find(answerId);
		return p && !p.error ? p.payload.value === 1 : !!this.live.myWalls[wallId]?.votes.includes(answerId);
	}

	submit(wallId: string, text: string): Promise<void> {
		return this.answers.push({ wallId, text });
	}

	toggle(wallId: string, answerId: string, text: string): Promise<void> {
		const value = this.upvoted(wallId, answerId) ? 0 : 1;
		return this.votes.push({ wallId, answerId, value, text }, answerId);
	}
}
