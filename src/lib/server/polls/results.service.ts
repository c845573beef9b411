import { DomainError } from '$lib/domain/errors';
import { uuid } from '$lib/domain/validate';
import { phoneMaySee } from '../activity/gate';
import type { Actor } from '../access/access.service';
import type { Ctx } from '../context';
import { requireSessionOf } from '../events/events.service';
import { computeTally } from '../sessions/sessionViews';
import { myVotes } from './votes.repository';

/** Results for the HTTP API, filtered by the gate that decides for the sockets. */
export async function results(ctx: Ctx, pollId: string, actor: Actor | null, participantId: string) {
	if (!uuid.safeParse(pollId).success) throw new DomainError('not_found', 'No such poll.');
	const t = await computeTally(ctx.db, pollId);
	if (!t) throw new DomainError('not_found', 'No such poll.');
	const { poll } = t;
	if (actor) {
		await requireSessionOf(ctx, actor, poll.sessionId, ['moderator']);
	} else {
		const mine = await myVotes(ctx.db, participantId, [pollId]);
		if (!phoneMaySee(poll, pollId in mine)) {
			throw new DomainError('forbidden', 'The results of this poll are not visible yet.');
		}
	}
	return {
		pollId,
		question: poll.question,
		state: poll.state,
		voters: t.voters,
		options: poll.options.map((o) => ({ ...o, count: t.counts[o.id] }))
	};
}
