import type { ErrorBody } from '$lib/domain/errors';
import { nextVote, rank, type AuthorQuestion, type PublicQuestion } from '$lib/domain/qa';
import { m } from '$lib/paraglide/messages.js';
import type { AudienceQa, AudienceView, MyQa } from '$lib/realtime/protocol';
import { errorMessage } from './errorMessage';
import type { LiveSession } from './liveSession.svelte';
import type { Outbox, OutboxItem } from './outbox.svelte';

type Vote = -1 | 1 | null;
type Similar = { id: string; text: string; upvotes: number };
export type MyQuestion = MyQa['questions'][number];

/** A question the phone asked that the server has not acknowledged yet, or refused. */
export type OutgoingQuestion = OutboxItem<{ text: string; name: string | null }>;
type Status = { text: string; error: boolean };

/**
 * What the phone shows for its vote on a question until the server's counts include it.
 * `counted` is the vote the server's counts reflected when it was pressed.
 */
interface ShownVote {
	value: Vote;
	counted: Vote;
}

const SIMILAR_MIN = 8;
const SIMILAR_DELAY_MS = 400;

/**
 * A phone's Q&A: the ask form's draft, outboxes of questions and votes kept until the server
 * acknowledges them (resent with the same ids on reconnect, so nothing is lost or doubled), and
 * optimistic votes shown at once.
 */
export class QaAudience {
	text = $state('');
	name = $state('');
	sort = $state<'popular' | 'recent' | 'oldest'>('popular');
	similar = $state<Similar[]>([]);
	readonly asks: Outbox<{ text: string; name: string | null }, AuthorQuestion>;
	/** One vote per question: a newer tap replaces one not sent yet. */
	readonly votes: Outbox<{ questionId: string; value: -1 | 0 | 1 }, { questionId: string; value: -1 | 0 | 1 }>;
	/** The last outcome of asking, for the form's live region. */
	private asked = $state<Status>({ text: '', error: false });
	private shown = $state<Record<string, ShownVote>>({});
	/**
	 * The Q&A view that was current when the server acknowledged a vote: any later view counts it.
	 * Plain (not reactive): the answer only changes when `live.qa` does, which is reactive.
	 */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- deliberately plain, see above
	private ackedIn = new Map<string, object>();
	private similarTimer: ReturnType<typeof setTimeout> | null = null;
	private similarSeq = 0;

	constructor(private readonly live: LiveSession<AudienceView>) {
		this.asks = live.outbox({
			socket: (p, id) => live.send('qa:ask', { ...p, id }),
			http: (p, id) => [`/api/sessions/${live.view.sessionId}/questions`, { ...p, id }],
			acked: (_, q) => {
				this.remember(q);
				this.asked = { text: q.state === 'pending' ? m.qa_sent_pending() : m.qa_sent(), error: false };
			},
			refused: (p, error) => {
				// Give the text back too, so a refused question is easy to send again.
				if (!this.text.trim()) this.text = p.text;
				this.asked = { text: describe(error), error: true };
			}
		});
		this.votes = live.outbox({
			socket: (p, submissionId) => live.send('qa:vote', { ...p, submissionId }),
			http: ({ questionId, value }, submissionId) => [`/api/questions/${questionId}/vote`, { value, submissionId }, 'PUT'],
			acked: ({ questionId, value }) => {
				const votes = this.live.mine?.votes;
				if (votes) {
					if (value === 0) delete votes[questionId];
					else votes[questionId] = value;
				}
				if (this.live.qa) this.ackedIn.set(questionId, this.live.qa);
			},
			refused: ({ questionId }) => {
				delete this.shown[questionId];
				this.ackedIn.delete(questionId);
			}
		});
	}

	/** The outcome of asking, for the form's live region: a question waiting for the network says so. */
	get askStatus(): Status {
		return this.asks.items.some((i) => i.status === 'queued') ? { text: m.qa_queued(), error: false } : this.asked;
	}

	/** The outcome of voting, for the list's live region: a refusal stays until dismissed. */
	get voteStatus(): Status {
		const error = this.votes.items.find((i) => i.error)?.error;
		return error ? { text: describe(error), error: true } : { text: this.votes.items.some((i) => i.status === 'queued') ? m.qa_vote_queued() : '', error: false };
	}

	dismissVoteRefusal(): void {
		const refused = this.votes.items.find((i) => i.error);
		if (refused) this.votes.dismiss(refused.id);
	}

	get view(): AudienceQa | null {
		return this.live.qa && 'settings' in this.live.qa ? (this.live.qa as AudienceQa) : null;
	}

	get enabled(): boolean {
		return this.view?.settings.enabled ?? false;
	}

	get questions(): PublicQuestion[] {
		return this.view ? rank(this.view.questions, this.sort) : [];
	}

	get highlighted(): PublicQuestion | null {
		return this.view?.questions.find((q) => q.highlighted) ?? null;
	}

	/** The phone's own questions, newest first, with those still on their way on top. */
	get mine(): MyQuestion[] {
		return rank(this.live.mine?.questions ?? [], 'recent');
	}

	labelNames(q: PublicQuestion): string[] {
		const labels = this.view?.labels ?? [];
		return q.labelIds.map((id) => labels.find((l) => l.id === id)?.name).filter((n): n is string => !!n);
	}

	myVote(questionId: string): Vote {
		const s = this.shown[questionId];
		return s ? s.value : (this.live.mine?.votes[questionId] ?? null);
	}

	/** Counts with the phone's own unconfirmed vote applied. */
	counts(q: PublicQuestion): { up: number; down: number } {
		const s = this.shown[q.id];
		if (!s) return { up: q.upvotes, down: q.downvotes };
		const counted = this.countedNow(q.id, s);
		const delta = (v: Vote, side: 1 | -1) => (s.value === side ? 1 : 0) - (v === side ? 1 : 0);
		return { up: Math.max(0, q.upvotes + delta(counted, 1)), down: Math.max(0, q.downvotes + delta(counted, -1)) };
	}

	private countedNow(questionId: string, s: ShownVote): Vote {
		const acked = this.ackedIn.get(questionId);
		return acked && acked !== this.live.qa ? s.value : s.counted;
	}

	/** A tap on the up or down button: the same again takes the vote back. */
	async press(questionId: string, pressed: -1 | 1): Promise<void> {
		await this.setVote(questionId, nextVote(this.myVote(questionId), pressed));
	}

	async setVote(questionId: string, value: Vote): Promise<void> {
		const prev = this.shown[questionId];
		const counted = prev ? this.countedNow(questionId, prev) : (this.live.mine?.votes[questionId] ?? null);
		this.shown[questionId] = { value, counted };
		this.ackedIn.delete(questionId);
		await this.votes.push({ questionId, value: value ?? 0 }, questionId);
	}

	/** Sends the draft. The question shows at once under "My questions" and is resent until acknowledged. */
	async ask(): Promise<void> {
		const text = this.text.trim();
		if (!text || !this.view) return;
		const identity = this.view.settings.identity;
		const name = identity === 'anonymous' ? null : this.name.trim() || null;
		if (identity === 'named' && !name) {
			this.asked = { text: m.qa_name_required(), error: true };
			return;
		}
		this.text = '';
		this.clearSimilar();
		this.asked = { text: '', error: false };
		await this.asks.push({ text, name });
	}

	/** While the phone types: similar public questions, so it can upvote one instead of asking again. */
	typed(): void {
		const text = this.text.trim();
		if (text.length < SIMILAR_MIN) return this.clearSimilar();
		// The current suggestions stay until the new ones arrive, so the list does not flicker per keystroke.
		if (this.similarTimer) clearTimeout(this.similarTimer);
		const seq = ++this.similarSeq;
		this.similarTimer = setTimeout(async () => {
			const res = await this.live.send('qa:similar', { text });
			// Only the answer to the latest text counts: an older, slower one must not overwrite it.
			if (seq === this.similarSeq && res.ok) this.similar = res.data.slice(0, 5);
		}, SIMILAR_DELAY_MS);
	}

	/** Drops the suggestions, and any answer still on its way for an older text. */
	private clearSimilar(): void {
		if (this.similarTimer) clearTimeout(this.similarTimer);
		this.similarTimer = null;
		this.similarSeq++;
		this.similar = [];
	}

	async upvoteInstead(questionId: string): Promise<void> {
		this.text = '';
		this.clearSimilar();
		if (this.myVote(questionId) !== 1) await this.setVote(questionId, 1);
		if (!this.voteStatus.error) this.asked = { text: m.qa_upvoted_instead(), error: false };
	}

	/** The acknowledged question joins "My questions" now, before the server's own push arrives. */
	private remember(q: AuthorQuestion): void {
		const mine = this.live.mine;
		if (!mine) this.live.mine = { sessionId: q.sessionId, questions: [q], votes: {} };
		else if (!mine.questions.some((x) => x.id === q.id)) mine.questions.push(q);
	}
}

/** The server explains refused input in words; every other refusal has a translated message. */
function describe(error: ErrorBody): string {
	return error.code === 'invalid_input' ? error.message : errorMessage(error.code);
}
