import { DomainError } from './errors';
import type { PollInput } from './polls.schema';

/**
 * Multiple-choice poll rules: shape, lifecycle, choices and who may see results. Pure, and free of
 * zod so that phones can use these rules without loading the validation library; the input
 * schemas live in polls.schema.ts.
 */

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 12;
export const QUESTION_MAX = 300;
export const OPTION_MAX = 120;

export const visibilities = ['live', 'after_vote', 'hidden'] as const;
export type Visibility = (typeof visibilities)[number];
export type PollState = 'draft' | 'open' | 'closed';

export interface PollOption {
	id: string;
	label: string;
}

export interface Poll {
	id: string;
	sessionId: string;
	question: string;
	options: PollOption[];
	multiple: boolean;
	/** Most choices a voter may pick; 1 for single-select. */
	maxChoices: number;
	visibility: Visibility;
	state: PollState;
	revealed: boolean;
	position: number;
}

/** Option ids are short, stable and positional ("a".."l"), so votes survive label edits. */
export function optionIds(count: number): string[] {
	return Array.from({ length: count }, (_, i) => String.fromCharCode(97 + i));
}

/** Turns validated input into the stored definition fields. */
export function define(input: PollInput): Pick<Poll, 'question' | 'options' | 'multiple' | 'maxChoices' | 'visibility'> {
	const ids = optionIds(input.options.length);
	return {
		question: input.question,
		options: input.options.map((label, i) => ({ id: ids[i], label })),
		multiple: input.multiple,
		maxChoices: input.multiple ? (input.maxChoices ?? input.options.length) : 1,
		visibility: input.visibility
	};
}

/**
 * Editing a poll that already has votes may only change wording, not the set of options:
 * otherwise existing votes would silently point at other answers.
 */
export function assertEditable(current: Poll, next: ReturnType<typeof define>, voteCount: number): void {
	if (voteCount > 0 && next.options.length !== current.options.length) {
		throw new DomainError('conflict', 'This poll has votes: reset it before adding or removing options.');
	}
	if (voteCount > 0 && next.multiple !== current.multiple) {
		throw new DomainError('conflict', 'This poll has votes: reset it before switching single/multiple choice.');
	}
	if (voteCount > 0 && next.maxChoices < current.maxChoices) {
		throw new DomainError('conflict', 'This poll has votes: reset it before lowering the maximum number of choices.');
	}
}

export type Transition = 'open' | 'close' | 'reset';

/** Lifecycle: draft → open → closed; closed → open (reopen); any → draft (reset clears votes). */
export function transition(state: PollState, action: Transition): PollState {
	switch (action) {
		case 'open':
			return 'open';
		case 'close':
			if (state === 'draft') throw new DomainError('conflict', 'A draft poll cannot be closed; open it first.');
			return 'closed';
		case 'reset':
			return 'draft';
	}
}

/** Checks a voter's choices against the poll. Mirrors the SQL trigger, with friendlier messages. */
export function checkChoices(poll: Poll, choices: string[]): string[] {
	if (poll.state !== 'open') throw new DomainError('poll_not_open', 'This poll is not open for voting.');
	const valid = new Set(poll.options.map((o) => o.id));
	const unique = [...new Set(choices)];
	if (unique.length !== choices.length) throw new DomainError('invalid_input', 'Each option can be chosen once.');
	if (unique.length === 0) throw new DomainError('invalid_input', 'Choose at least one option.');
	if (!poll.multiple && unique.length > 1) throw new DomainError('invalid_input', 'This poll takes one choice.');
	if (unique.length > poll.maxChoices) {
		throw new DomainError('invalid_input', `Choose at most ${poll.maxChoices} options.`);
	}
	for (const c of unique) if (!valid.has(c)) throw new DomainError('invalid_input', `Unknown option "${c}".`);
	return unique;
}

/** The fields that decide who may see results. */
export type Visible = Pick<Poll, 'visibility' | 'state' | 'revealed'>;

/** Whether a phone may see this poll's counts. */
export function audienceSeesResults(poll: Visible, hasVoted: boolean): boolean {
	if (poll.state === 'draft') return false;
	switch (poll.visibility) {
		case 'live':
			return true;
		case 'after_vote':
			return hasVoted || poll.state === 'closed';
		case 'hidden':
			return poll.revealed;
	}
}

/** Whether counts may be sent to the audience room as a whole (no per-phone condition). */
export function audienceRoomSeesResults(poll: Visible): boolean {
	return audienceSeesResults(poll, false);
}

/** Whether the stage may receive counts. Hidden polls stay dark on stage until revealed. */
export function stageSeesResults(poll: Visible): boolean {
	return poll.visibility !== 'hidden' || poll.revealed;
}

export interface Tally {
	pollId: string;
	/** Monotonic per poll; clients drop anything older than what they hold. */
	version: number;
	/** The last commit this update includes (see `Ack`): for a client that wants to know when its action shows. */
	seq?: number;
	/** Number of participants with a current vote. */
	voters: number;
	/** Votes per option id; null when the receiver may not see results. */
	counts: Record<string, number> | null;
}

/** Builds a complete count map (zero for options nobody chose). */
export function countsFor(poll: Poll, rows: { optionId: string; n: number }[]): Record<string, number> {
	const counts: Record<string, number> = Object.fromEntries(poll.options.map((o) => [o.id, 0]));
	for (const r of rows) if (r.optionId in counts) counts[r.optionId] = r.n;
	return counts;
}

/** The share of voters who chose an option, as a whole percentage. */
export function percent(count: number, voters: number): number {
	return voters === 0 ? 0 : Math.round((count / voters) * 100);
}
