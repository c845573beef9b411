import { audienceRoomSeesResults, audienceSeesResults, stageSeesResults } from '$lib/domain/activity';
import type { Role } from '$lib/realtime/protocol';
import { rooms } from '$lib/realtime/protocol';
import type { ResultPayloads } from './module';

/**
 * Who sees what of an activity's results: the one place that decides it, for every kind, for
 * broadcasts, snapshots and HTTP reads alike. Moderators see everything; the stage sees results
 * unless they are hidden and not yet revealed; phones see them by the activity's visibility, and
 * after-answer results only once they answered (their sockets are then in the `voted` room).
 */

export interface Sender {
	emit(room: string, event: string, payload: unknown): void;
}

export function broadcast(out: Sender, event: string, p: ResultPayloads): void {
	const { activity: a } = p;
	out.emit(rooms.moderators(a.sessionId), event, p.moderator);
	out.emit(rooms.stage(a.sessionId), event, stageSeesResults(a) ? p.full : p.dark);
	if (audienceRoomSeesResults(a)) out.emit(rooms.audience(a.sessionId), event, p.full);
	else if (a.visibility === 'after_vote') out.emit(rooms.voted(a.id), event, p.full);
}

/** Whether a phone may see an activity's results (HTTP reads ask here too). */
export const phoneMaySee = (a: Parameters<typeof audienceSeesResults>[0], answered: boolean) => audienceSeesResults(a, answered);

/** What one client of this role gets in its snapshot; null: nothing (a phone that may not see them yet). */
export function forRole(role: Role, p: ResultPayloads, answered: boolean): ResultPayloads['full'] | null {
	if (role === 'moderator') return p.moderator;
	if (role === 'stage') return stageSeesResults(p.activity) ? p.full : p.dark;
	return phoneMaySee(p.activity, answered) ? p.full : null;
}
