import { DomainError } from './errors';

/**
 * Audience Q&A rules: question states, who sees what, ranking. Pure and free of zod (phones use
 * these rules too); the input schemas are in qa.schema.ts.
 */

export const questionStates = ['pending', 'approved', 'rejected', 'answered', 'archived'] as const;
export type QuestionState = (typeof questionStates)[number];
export const identityModes = ['anonymous', 'named', 'choice'] as const;
export type IdentityMode = (typeof identityModes)[number];
export const sortOrders = ['popular', 'recent', 'oldest'] as const;
export type SortOrder = (typeof sortOrders)[number];

export const QUESTION_MAX_LIMIT = 1000;
export const NAME_MAX = 60;
export const LABELS_PER_EVENT = 20;

export interface QaSettings {
	enabled: boolean;
	premoderation: boolean;
	identity: IdentityMode;
	downvotes: boolean;
	maxLength: number;
}

export interface Label {
	id: string;
	name: string;
	public: boolean;
}

export interface Question {
	id: string;
	sessionId: string;
	text: string;
	/** The text as first asked, when a moderator has edited it. */
	originalText: string | null;
	authorName: string | null;
	state: QuestionState;
	/** Held back by the profanity filter (shown to moderators as the reason it is pending). */
	flagged: boolean;
	highlighted: boolean;
	/** Position in the moderators' star queue, null when not starred. */
	starPosition: number | null;
	mergedInto: string | null;
	/** How many questions were merged into this one. */
	mergedCount: number;
	upvotes: number;
	downvotes: number;
	labelIds: string[];
	createdAt: string;
}

/** What the public (other phones, the stage) may see of a question: never its author id, flags or original text. */
export interface PublicQuestion {
	id: string;
	text: string;
	authorName: string | null;
	state: 'approved' | 'answered';
	highlighted: boolean;
	mergedCount: number;
	upvotes: number;
	downvotes: number;
	labelIds: string[];
	createdAt: string;
}

/** What an author sees of their own question: its state and public face, nothing internal. */
export interface AuthorQuestion {
	id: string;
	sessionId: string;
	text: string;
	authorName: string | null;
	state: QuestionState;
	highlighted: boolean;
	/** Set when a moderator merged it into a similar question (the author sees "merged"). */
	mergedInto: string | null;
	mergedCount: number;
	upvotes: number;
	downvotes: number;
	labelIds: string[];
	createdAt: string;
}

/** An allow-list, so a field added to Question later never reaches phones by accident. */
export function toAuthor(q: Question, publicLabelIds: Set<string>): AuthorQuestion {
	return {
		id: q.id,
		sessionId: q.sessionId,
		text: q.text,
		authorName: q.authorName,
		state: q.state,
		highlighted: q.highlighted,
		mergedInto: q.mergedInto,
		mergedCount: q.mergedCount,
		upvotes: q.upvotes,
		downvotes: q.downvotes,
		labelIds: q.labelIds.filter((id) => publicLabelIds.has(id)),
		createdAt: q.createdAt
	};
}

/** States other phones and the stage may see. Pending and rejected never leave the moderators (and the author). */
export function isPublic(q: Pick<Question, 'state' | 'mergedInto'>): boolean {
	return (q.state === 'approved' || q.state === 'answered') && q.mergedInto === null;
}

export function toPublic(q: Question, publicLabelIds: Set<string>): PublicQuestion {
	return {
		id: q.id,
		text: q.text,
		authorName: q.authorName,
		state: q.state as PublicQuestion['state'],
		highlighted: q.highlighted,
		mergedCount: q.mergedCount,
		upvotes: q.upvotes,
		downvotes: q.downvotes,
		labelIds: q.labelIds.filter((id) => publicLabelIds.has(id)),
		createdAt: q.createdAt
	};
}

/** The state a new question starts in. A flagged question waits for a moderator even without pre-moderation. */
export function initialState(settings: Pick<QaSettings, 'premoderation'>, flagged: boolean): QuestionState {
	return settings.premoderation || flagged ? 'pending' : 'approved';
}

/** Which display name a question carries, given the session's identity rule. */
export function authorNameFor(mode: IdentityMode, name: string | null | undefined): string | null {
	const clean = name?.trim() || null;
	if (mode === 'anonymous') return null;
	if (mode === 'named' && !clean) throw new DomainError('invalid_input', 'This session asks for your name with each question.');
	return clean;
}

type Moderation = 'approve' | 'reject' | 'answer' | 'archive' | 'reopen';

const target: Record<Moderation, QuestionState> = {
	approve: 'approved',
	reject: 'rejected',
	answer: 'answered',
	archive: 'archived',
	reopen: 'pending'
};

/** Moderators may move a question between any states; merged questions stay archived. */
export function moderate(q: Pick<Question, 'state' | 'mergedInto'>, action: Moderation): QuestionState {
	if (q.mergedInto !== null) throw new DomainError('conflict', 'This question was merged into another one.');
	return target[action];
}

export function score(q: Pick<Question, 'upvotes' | 'downvotes'>): number {
	return q.upvotes - q.downvotes;
}

/** Sorts a copy: popular (score, then older first), recent (newest first) or oldest. Ties break by id for stability. */
export function rank<T extends Pick<Question, 'upvotes' | 'downvotes' | 'createdAt' | 'id'>>(questions: T[], order: SortOrder): T[] {
	const byTime = (a: T, b: T) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
	const sorted = [...questions];
	if (order === 'popular') sorted.sort((a, b) => score(b) - score(a) || byTime(a, b));
	else if (order === 'recent') sorted.sort((a, b) => byTime(b, a));
	else sorted.sort(byTime);
	return sorted;
}

/** The star queue, in the moderators' order. */
export function starQueue<T extends Pick<Question, 'starPosition'>>(questions: T[]): T[] {
	return questions.filter((q) => q.starPosition !== null).sort((a, b) => a.starPosition! - b.starPosition!);
}

/** What the speaker sees next: the star queue first, then the most popular approved questions. */
export function upNext(questions: Question[], count: number): Question[] {
	const open = questions.filter((q) => q.state === 'approved' && q.mergedInto === null && !q.highlighted);
	const starred = starQueue(open);
	const rest = rank(
		open.filter((q) => q.starPosition === null),
		'popular'
	);
	return [...starred, ...rest].slice(0, count);
}

/** Vote toggling: the same value again takes the vote back; the other value replaces it. */
export function nextVote(current: -1 | 1 | null, pressed: -1 | 1): -1 | 1 | null {
	return current === pressed ? null : pressed;
}
