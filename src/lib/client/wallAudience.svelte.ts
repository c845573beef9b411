import { randomId } from '$lib/domain/ids';
import type { AuthorAnswer } from '$lib/domain/wall';
import type { AudienceView, WallView } from '$lib/realtime/protocol';
import type { LiveSession } from './liveSession.svelte';
import { Outbox } from './outbox.svelte';
import { postAck } from './postAck';

interface AnswerPayload {
	wallId: string;
	id: string;
	text: string;
}
interface VotePayload {
	answerId: string;
	value: 0 | 1;
	submissionId: string;
}

/** A phone's wall answers and upvotes: shown at once, kept in outboxes until the server commits them. */
export class WallAudience {
	readonly answers: Outbox<AnswerPayload, AuthorAnswer>;
	readonly votes: Outbox<VotePayload, { answerId: string; value: 0 | 1 }>;
	/** Upvotes as the phone shows them before the server confirms. */
	private shown = $state<Record<string, boolean>>({});

	constructor(private readonly live: LiveSession<AudienceView>) {
		this.answers = new Outbox(
			live,
			(p) => (live.connected ? live.answer(p) : postAck(`/api/walls/${p.wallId}/answers`, { id: p.id, text: p.text })),
			(p, r) => {
				const mine = this.mine(p.wallId);
				if (mine && !mine.answers.some((a) => a.id === r.id)) mine.answers.push(r);
			}
		);
		this.votes = new Outbox(
			live,
			(p) => (live.connected ? live.voteAnswer(p) : postAck(`/api/answers/${p.answerId}/vote`, { value: p.value, submissionId: p.submissionId })),
			(p, r) => {
				const mine = live.myActivity?.wall;
				if (mine) mine.votes = r.value === 1 ? [...new Set([...mine.votes, r.answerId])] : mine.votes.filter((id) => id !== r.answerId);
				if (this.votes.items.every((i) => i.payload.answerId !== p.answerId)) delete this.shown[p.answerId];
			}
		);
	}

	private mine(wallId: string) {
		this.live.myActivity ??= { entries: {}, wall: null };
		if (this.live.myActivity.wall?.wallId !== wallId) this.live.myActivity.wall = { wallId, answers: [], votes: [] };
		return this.live.myActivity.wall;
	}

	saved(wallId: string): AuthorAnswer[] {
		const w = this.live.myActivity?.wall;
		return w?.wallId === wallId ? w.answers : [];
	}

	pending(wallId: string) {
		return this.answers.items.filter((i) => i.payload.wallId === wallId);
	}

	remaining(wall: WallView): number {
		const waiting = this.answers.waiting.filter((i) => i.payload.wallId === wall.id).length;
		return Math.max(0, wall.maxAnswers - this.saved(wall.id).length - waiting);
	}

	upvoted(answerId: string): boolean {
		return this.shown[answerId] ?? this.live.myActivity?.wall?.votes.includes(answerId) ?? false;
	}

	submit(wallId: string, text: string): Promise<void> {
		const id = randomId();
		return this.answers.push(id, { wallId, id, text });
	}

	toggle(answerId: string): Promise<void> {
		const value = this.upvoted(answerId) ? 0 : 1;
		this.shown[answerId] = value === 1;
		const submissionId = randomId();
		return this.votes.push(submissionId, { answerId, value, submissionId });
	}
}
