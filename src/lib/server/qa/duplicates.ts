import { DomainError } from '$lib/domain/errors';
import { parse, uuid } from '$lib/domain/validate';
import type { Actor } from '../access/access.service';
import type { Ctx } from '../context';
import { requireSessionOf } from '../events/events.service';
import * as repo from './qa.repository';

/** Likely duplicates of a question, for moderators (any state but archived), most alike first. */
export async function duplicatesOf(ctx: Ctx, actor: Actor, questionId: unknown) {
	const id = parse(uuid, questionId);
	const q = await repo.findQuestion(ctx.db, id);
	if (!q) throw new DomainError('not_found', 'No such question.');
	await requireSessionOf(ctx, actor, q.sessionId);
	return repo.similar(ctx.db, q.sessionId, q.text, { includeHidden: true, excludeId: q.id, limit: 5 });
}
