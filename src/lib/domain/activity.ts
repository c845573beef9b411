import { DomainError } from './errors';

/**
 * The kernel's rules, the same for every interactive format (poll, word cloud, wall, rating
 * scale…): the lifecycle and who may see results. Pure and free of zod, so phones use them too.
 */

/** The longest prompt of a word cloud or wall (a poll's question has the same limit, QUESTION_MAX). */
export const PROMPT_MAX = 300;

export const visibilities = ['live', 'after_vote', 'hidden'] as const;
export type Visibility = (typeof visibilities)[number];
export const states = ['draft', 'open', 'closed'] as const;
export type ActivityState = (typeof states)[number];
export type Transition = 'open' | 'close' | 'reset';

/** What every activity has, whatever its kind. */
export interface Activity {
	id: string;
	sessionId: string;
	kind: string;
	state: ActivityState;
	visibility: Visibility;
	revealed: boolean;
	position: number;
}

/** Lifecycle: draft → open → closed; closed → open (reopen); any → draft (reset clears the responses). */
export function transition(state: ActivityState, action: Transition): ActivityState {
	switch (action) {
		case 'open':
			return 'open';
		case 'close':
			if (state === 'draft') throw new DomainError('conflict', 'A draft cannot be closed; open it first.');
			return 'closed';
		case 'reset':
			return 'draft';
	}
}

/** The fields that decide who may see results. */
export type Visible = Pick<Activity, 'visibility' | 'state' | 'revealed'>;

/** Whether a phone may see an activity's results. */
export function audienceSeesResults(a: Visible, hasAnswered: boolean): boolean {
	if (a.state === 'draft') return false;
	switch (a.visibility) {
		case 'live':
			return true;
		case 'after_vote':
			return hasAnswered || a.state === 'closed';
		case 'hidden':
			return a.revealed;
	}
}

/** Whether results may be sent to the audience room as a whole (no per-phone condition). */
export function audienceRoomSeesResults(a: Visible): boolean {
	return audienceSeesResults(a, false);
}

/** Whether the stage may receive results. Hidden results stay dark on stage until revealed. */
export function stageSeesResults(a: Visible): boolean {
	return a.visibility !== 'hidden' || a.revealed;
}
