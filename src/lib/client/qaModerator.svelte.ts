import { rank, starQueue, type Label, type Question, type QuestionState, type SortOrder } from '$lib/domain/qa';
import type { ModeratorCommand, ModeratorQa, ModeratorView } from '$lib/realtime/protocol';
import { errorMessage } from './errorMessage';
import type { LiveSession } from './liveSession.svelte';

export type StateFilter = 'all' | QuestionState;
export const stateFilters: StateFilter[] = ['all', 'pending', 'approved', 'answered', 'rejected', 'archived'];
export type ModerationAction =
	| { action: 'approve' | 'reject' | 'answer' | 'archive' | 'reopen' | 'block' }
	| { action: 'edit'; text: string }
	| { action: 'highlight' | 'star'; on: boolean }
	| { action: 'labels'; labelIds: string[] }
	| { action: 'merge'; into: string };

/**
 * The moderators' view of a session's Q&A: filters, the current row of the keyboard workflow,
 * and the commands they send. Results arrive as the server's next Q&A push, for every moderator.
 */
export class QaModerator {
	stateFilter = $state<StateFilter>('all');
	labelFilter = $state('');
	search = $state('');
	sort = $state<SortOrder>('recent');
	/** The row the keyboard shortcuts act on. */
	current = $state<string | null>(null);

	constructor(
		private readonly live: LiveSession<ModeratorView>,
		private readonly notify: (text: string, error: boolean) => void
	) {}

	get view(): ModeratorQa | null {
		return this.live.qa && 'settings' in this.live.qa && 'premoderation' in this.live.qa.settings ? (this.live.qa as ModeratorQa) : null;
	}

	get questions(): Question[] {
		return this.view?.questions ?? [];
	}

	get labels(): Label[] {
		return this.view?.labels ?? [];
	}

	get counts(): Record<StateFilter, number> {
		const c: Record<StateFilter, number> = { all: 0, pending: 0, approved: 0, answered: 0, rejected: 0, archived: 0 };
		for (const q of this.questions) {
			c.all++;
			c[q.state]++;
		}
		return c;
	}

	/** The list under the current filters: state, label, and a case-insensitive search of the text. */
	get visible(): Question[] {
		const needle = this.search.trim().toLocaleLowerCase();
		const shown = this.questions.filter(
			(q) =>
				(this.stateFilter === 'all' || q.state === this.stateFilter) &&
				(!this.labelFilter || q.labelIds.includes(this.labelFilter)) &&
				(!needle || q.text.toLocaleLowerCase().includes(needle))
		);
		return rank(shown, this.sort);
	}

	get starred(): Question[] {
		return starQueue(this.questions.filter((q) => q.mergedInto === null));
	}

	byId(id: string | null): Question | undefined {
		return id ? this.questions.find((q) => q.id === id) : undefined;
	}

	/** A word in the console's status line. */
	say(text: string, error = false): void {
		this.notify(text, error);
	}

	/** Sends a command; says what went wrong if it did. Returns the result, or null on failure. */
	async run<T = unknown>(cmd: ModeratorCommand, done?: string): Promise<{ data: T } | null> {
		const res = await this.live.command<T>(cmd);
		if (res.ok) {
			this.notify(done ?? '', false);
			return { data: res.data };
		}
		// The server's own words where they say what to fix; a translated message otherwise.
		const known = res.error.code === 'invalid_input' || res.error.code === 'conflict';
		this.notify(known ? res.error.message : errorMessage(res.error.code), true);
		return null;
	}

	moderate(questionId: string, input: ModerationAction, done?: string) {
		return this.run<Question>({ type: 'question.moderate', questionId, input }, done);
	}

	/** Moves the current row by one (or more) in the visible list. */
	move(delta: number): string | null {
		const list = this.visible;
		if (list.length === 0) return null;
		const i = list.findIndex((q) => q.id === this.current);
		const next = i < 0 ? (delta > 0 ? 0 : list.length - 1) : Math.max(0, Math.min(list.length - 1, i + delta));
		this.current = list[next].id;
		return this.current;
	}

	/** The next pending question after the current one, wrapping around; null when none is left. */
	nextPending(): string | null {
		const list = this.visible;
		const i = list.findIndex((q) => q.id === this.current);
		for (let k = 1; k <= list.length; k++) {
			const q = list[(i + k + list.length) % list.length];
			if (q.state === 'pending' && q.id !== this.current) {
				this.current = q.id;
				return q.id;
			}
		}
		return null;
	}

	reorderStars(ids: string[]) {
		return this.run({ type: 'question.stars', ids });
	}
}
