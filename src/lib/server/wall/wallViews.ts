import * as walls from '$lib/domain/wall';
import type { Queryable } from '../db/driver';
import * as repo from './wall.repository';

/**
 * A wall's answers as each role may receive them: approved answers in the wall's order for the
 * stage and phones (`full`; the gate decides who gets them), every state, newest first, for
 * moderators. Never author ids.
 */

export const moderatorAnswer = (a: walls.ModeratorAnswer): walls.ModeratorAnswer => ({ ...walls.toPublic(a), state: a.state, flagged: a.flagged });

export async function views(db: Queryable, wallId: string, version: number) {
	const wall = await repo.findWall(db, wallId);
	if (!wall) return null;
	const [approved, recent] = await Promise.all([repo.publicAnswers(db, wall.id, wall.sort, walls.PUBLIC_MAX), repo.recentAnswers(db, wall.id, walls.MODERATOR_MAX)]);
	// Sorted again by the domain's rule: phones re-sort with it after upvotes (timestamps in ms there).
	const full: walls.AudienceWall = { wallId: wall.id, version, answers: walls.order(approved, wall.sort) };
	const moderator: walls.ModeratorWall = { wallId: wall.id, version, answers: recent.map(moderatorAnswer) };
	return { wall, full, dark: { ...full, answers: null }, moderator };
}

export async function mine(db: Queryable, wallId: string, participantId: string): Promise<walls.MyWall> {
	const [answers, votes] = await Promise.all([repo.answersBy(db, wallId, participantId), repo.votesBy(db, wallId, participantId)]);
	return { wallId, answers, votes };
}
