import type { ErrorBody } from '$lib/domain/errors';
import { randomId } from '$lib/domain/ids';
import { nextVote, rank, type AuthorQuestion, type PublicQuestion } from '$lib/domain/qa';
import { m } from '$lib/paraglide/messages.js';
import type { Ack, AudienceQa, AudienceView, MyQa } from '$lib/realtime/protocol';
import { errorMessage } from './errorMessage';
import type { LiveSession } from './liveSession.svelte';
import { postAck } from './postAck';
import { Retry } from './retry';

type Vote = -1 | 1 | null;
type Similar = { id: string; text: string; upvotes: number };
export type MyQuestion = MyQa['questions'][number];

/** A question the phone asked that the server has not acknowledged yet. */
export interface OutgoingQuestion {
	id: string;
	text: string;
	status: 'sending' | 'queued';
}

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
 * A phone's Q&A: the ask form's draft, an outbox of questions and votes kept until the server
 * acknowledges them (resent with the same ids on reconnect, so nothing is lost or doubled), and
 * optimistic votes shown at once.
 */
export class QaAudience {
	text = $state('');
	name = $state('');
	sort = $state<'popular' | 'recent' | 'oldest'>('popular');
	similar = $state<Similar[]>([]);
	outbox = $state<OutgoingQuestion[]>([]);
	/** The last outcome of asking, for the form's live region. */
	askStatus = $state<{ text: string; error: boolean }>({ text: '', error: false });
	/** The last outcome of voting, for the list's live region. */
	voteStatus = $state<{ text: string; error: boolean }>({ text: '', error: false });
	private shown = $state<Record<string, ShownVote>>({});
	/**
	 * The Q&A view that was current when the server acknowledged a vote: any later view counts it.
	 * Plain (not reactive): the answer only changes when `live.qa` does, which is reactive.
	 */
	private ackedIn = new Map<string, object>();
	private pendingAsks = new Map<string, { id: string; text: string; name: string | null }>();
	private pendingVotes = new Map<string, { questionId: string; value: -1 | 0 | 1; submissionId: string }>();
	private retry = new Retry(() => void this.flush());
	private similarTimer: ReturnType<typeof setTimeout> | null = null;
	private similarSeq = 0;

	constructor(private readonly live: LiveSession<AudienceView>) {
		live.whenOnline(() => void this.flush());
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
		this.pendingVotes.set(questionId, { questionId, value: value ?? 0, submissionId: randomId() });
		this.voteStatus = { text: '', error: false };
		await this.flushVote(questionId);
	}

	/** Sends the draft. The question shows at once under "My questions" and is resent until acknowledged. */
	async ask(): Promise<void> {
		const text = this.text.trim();
		if (!text || !this.view) return;
		const identity = this.view.settings.identity;
		const name = identity === 'anonymous' ? null : this.name.trim() || null;
		if (identity === 'named' && !name) {
			this.askStatus = { text: m.qa_name_required(), error: true };
			return;
		}
		const item = { id: randomId(), text, name };
		this.pendingAsks.set(item.id, item);
		this.outbox.push({ id: item.id, text, status: 'sending' });
		this.text = '';
		this.clearSimilar();
		this.askStatus = { text: '', error: false };
		await this.flushAsk(item.id);
	}

	/** While the phone types: similar public questions, so it can upvote one instead of asking again. */
	typed(): void {
		const text = this.text.trim();
		if (text.length < SIMILAR_MIN) return this.clearSimilar();
		// The current suggestions stay until the new ones arrive, so the list does not flicker per keystroke.
		if (this.similarTimer) clearTimeout(this.similarTimer);
		const seq = ++this.similarSeq;
		this.similarTimer = setTimeout(async () => {
			const res = await this.live.similar(text);
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
		if (!this.voteStatus.error) this.askStatus = { text: m.qa_upvoted_instead(), error: false };
	}

	private async flush(): Promise<void> {
		await Promise.all([...[...this.pendingAsks.keys()].map((id) => this.flushAsk(id)), ...[...this.pendingVotes.keys()].map((id) => this.flushVote(id))]);
	}

	private asking = new Set<string>();

	private async flushAsk(id: string): Promise<void> {
		const item = this.pendingAsks.get(id);
		// One copy of an ask in flight: a reconnect and a retry timer firing together must not race.
		if (!item || this.asking.has(id)) return;
		this.asking.add(id);
		try {
			await this.sendAsk(id, item);
		} finally {
			this.asking.delete(id);
		}
	}

	private async sendAsk(id: string, item: NonNullable<ReturnType<typeof this.pendingAsks.get>>): Promise<void> {
		this.setOutgoing(id, 'sending');
		const res = this.live.connected ? await this.live.ask(item) : await send<AuthorQuestion>('POST', `/api/sessions/${this.live.view.sessionId}/questions`, item);
		if (!this.pendingAsks.has(id)) return; // a parallel resend already settled it
		if (res.ok) {
			this.pendingAsks.delete(id);
			this.remember(res.data);
			this.outbox = this.outbox.filter((o) => o.id !== id);
			this.askStatus = { text: res.data.state === 'pending' ? m.qa_sent_pending() : m.qa_sent(), error: false };
		} else if (res.error.code === 'unavailable') {
			// Resent with the same id: on reconnect, and after a backoff meanwhile.
			this.setOutgoing(id, 'queued');
			this.askStatus = { text: m.qa_queued(), error: false };
			this.retry.later();
		} else {
			this.pendingAsks.delete(id);
			this.outbox = this.outbox.filter((o) => o.id !== id);
			// Give the text back, so a refused question is not lost.
			if (!this.text.trim()) this.text = item.text;
			this.askStatus = { text: describe(res.error), error: true };
		}
	}

	private async flushVote(questionId: string): Promise<void> {
		const item = this.pendingVotes.get(questionId);
		if (!item) return;
		const res = this.live.connected
			? await this.live.voteQuestion(item)
			: await send<{ questionId: string; value: -1 | 0 | 1 }>('PUT', `/api/questions/${questionId}/vote`, { value: item.value, submissionId: item.submissionId });
		if (this.pendingVotes.get(questionId) !== item) return; // a newer tap replaced this one while in flight
		if (res.ok) {
			this.pendingVotes.delete(questionId);
			const votes = this.live.mine?.votes;
			if (votes) {
				if (item.value === 0) delete votes[questionId];
				else votes[questionId] = item.value;
			}
			if (this.live.qa) this.ackedIn.set(questionId, this.live.qa);
			this.voteStatus = { text: '', error: false };
		} else if (res.error.code === 'unavailable') {
			this.voteStatus = { text: m.qa_vote_queued(), error: false };
			this.retry.later();
		} else {
			this.pendingVotes.delete(questionId);
			delete this.shown[questionId];
			this.ackedIn.delete(questionId);
			this.voteStatus = { text: describe(res.error), error: true };
		}
	}

	private setOutgoing(id: string, status: OutgoingQuestion['status']): void {
		const o = this.outbox.find((x) => x.id === id);
		if (o) o.status = status;
	}

	/** The acknowledged question joins "My questions" now, before the server's own push arrives. */
	private remember(mineQ: AuthorQuestion): void {
		const q = mineQ;
		const mine = this.live.mine;
		if (!mine) this.live.mine = { sessionId: q.sessionId, questions: [mineQ], votes: {} };
		else if (!mine.questions.some((x) => x.id === q.id)) mine.questions.push(mineQ);
	}

}

/** The server explains refused input in words; every other refusal has a translated message. */
function describe(error: ErrorBody): string {
	return error.code === 'invalid_input' ? error.message : errorMessage(error.code);
}

/** The HTTP path, same services and ids, for networks that block WebSockets and long-polling alike. */
const send = <T>(method: 'POST' | 'PUT', url: string, body: unknown): Promise<Ack<T>> => postAck<T>(url, body, method);
