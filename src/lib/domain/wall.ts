import { DomainError } from './errors';
import type { PollState, Visibility } from './polls';

/**
 * Open-text wall rules: short answers, optional moderation and upvotes, who sees which answers
 * in which order. Pure and free of zod (phones use these rules too); the input schemas are in
 * wall.schema.ts. Lifecycle, visibility and reveal are the polls' rules.
 */

export { PROMPT_MAX } from './activity';
export const ANSWER_MAX = 280;
export const ANSWER_MAX_FLOOR = 20;
export const ANSWERS_PER_PARTICIPANT_MAX = 10;
/** Phones and the stage get at most this many answers: a projector cannot show more, phones need not load more. */
export const PUBLIC_MAX = 200;
/** Moderators review the newest answers first; older ones are in the CSV export. */
export const MODERATOR_MAX = 500;

export const answerStates = ['pending', 'approved', 'hidden'] as const;
export type AnswerState = (typeof answerStates)[number];
export const wallSorts = ['newest', 'top'] as const;
export type WallSort = (typeof wallSorts)[number];

export interface WallSettings {
	prompt: string;
	/** Longest answer, 20–280 characters. */
	maxChars: number;
	/** Answers per participant, 1–10. */
	maxAnswers: number;
	/** When on, answers wait for a moderator before anyone else sees them. */
	moderation: boolean;
	upvotes: boolean;
	/** The order phones and the stage show approved answers in. */
	sort: WallSort;
	visibility: Visibility;
}

export interface Wall extends WallSettings {
	id: string;
	sessionId: string;
	state: PollState;
	revealed: boolean;
	position: number;
}

/** What phones and the stage may see of an answer: never its author, state or flag. */
export interface PublicAnswer {
	id: string;
	text: string;
	upvotes: number;
	createdAt: string;
}

export interface ModeratorAnswer extends PublicAnswer {
	state: AnswerState;
	/** Held back by the profanity filter (the reason it is pending). */
	flagged: boolean;
}

/** What an author sees of their own answer: whether it is shown, not why. */
export interface AuthorAnswer {
	id: string;
	text: string;
	state: AnswerState;
}

/** A wall's answers for phones or the stage, versioned like tallies; null where the receiver may not see them yet. */
export interface AudienceWall {
	wallId: string;
	version: number;
	/** The last commit this update includes (see `Ack`): for a client that wants to know when its action shows. */
	seq?: number;
	answers: PublicAnswer[] | null;
}

/** Every answer in any state, newest first, for moderators. */
export interface ModeratorWall {
	wallId: string;
	version: number;
	/** The last commit this update includes (see `Ack`): for a client that wants to know when its action shows. */
	seq?: number;
	answers: ModeratorAnswer[];
}

/** A phone's own answers to a wall (any state) and the answers it upvoted. */
export interface MyWall {
	wallId: string;
	answers: AuthorAnswer[];
	votes: string[];
}

/**
 * Settings phones answer under: they change only while the wall is a draft (reset first), so
 * nobody's answers were given under other limits or other promises about who sees them. The
 * prompt's wording, the order, moderation and upvotes may change at any time.
 */
const FIXED_ONCE_OPEN = ['maxChars', 'maxAnswers', 'visibility'] as const;

export function assertEditable(wall: Wall, patch: Partial<WallSettings>): void {
	if (wall.state === 'draft') return;
	const fixed = FIXED_ONCE_OPEN.filter((k) => patch[k] !== undefined && patch[k] !== wall[k]);
	if (fixed.length > 0) throw new DomainError('conflict', `Reset the wall before changing ${fixed.join(', ')}.`);
}

/** Plain code-unit comparison: the same order as PostgreSQL's for uuids (localeCompare skips "-"). */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const newestFirst = (a: PublicAnswer, b: PublicAnswer) => cmp(b.createdAt, a.createdAt) || cmp(a.id, b.id);

/** Sorts a copy. newest: time descending, then id; top: upvotes descending, then newest. Mirrored by the repository's ORDER BY. */
export function order<T extends PublicAnswer>(answers: readonly T[], sort: WallSort): T[] {
	const sorted = [...answers];
	if (sort === 'top') sorted.sort((a, b) => b.upvotes - a.upvotes || newestFirst(a, b));
	else sorted.sort(newestFirst);
	return sorted;
}

/** A new answer waits for a moderator when the wall is moderated, or when it is flagged: profanity never reaches the wall unreviewed. */
export function initialState(moderation: boolean, flagged: boolean): AnswerState {
	return moderation || flagged ? 'pending' : 'approved';
}

/** An allow-list, so a field added to answers later never reaches phones by accident. */
export function toPublic(a: PublicAnswer): PublicAnswer {
	return { id: a.id, text: a.text, upvotes: a.upvotes, createdAt: a.createdAt };
}

/** Answers are one line on a wall: runs of whitespace (line breaks too) become one space. */
export function clean(raw: string): string {
	return raw.normalize('NFC').replace(/\s+/gu, ' ').trim();
}
