import * as qa from '$lib/domain/qa';
import type { AudienceQa, ModeratorQa, MyQa, StageQa } from '$lib/realtime/protocol';
import type { Queryable } from '../db/driver';
import * as eventsRepo from '../events/events.repository';
import * as repo from './qa.repository';

/**
 * What each role may see of a session's Q&A: the one place that decides it. Phones and the stage
 * get approved and answered questions only, never pending or rejected ones, never author ids or
 * original texts; moderators get everything; authors get their own questions in any state.
 */

const STAGE_TOP = 6;
const SPEAKER_NEXT = 5;

export async function buildQaViews(db: Queryable, sessionId: string, version = 0): Promise<{ audience: AudienceQa; stage: StageQa; moderator: ModeratorQa } | null> {
	const session = await eventsRepo.findSession(db, sessionId);
	if (!session) return null;
	const [all, labels] = await Promise.all([repo.listQuestions(db, sessionId), repo.listLabels(db, session.eventId)]);
	const publicLabels = labels.filter((l) => l.public);
	const publicIds = new Set(publicLabels.map((l) => l.id));
	const visible = all.filter(qa.isPublic);
	const pub = (q: qa.Question) => qa.toPublic(q, publicIds);
	const highlighted = visible.find((q) => q.highlighted) ?? null;
	const { enabled, identity, downvotes, maxLength } = session.qa;
	return {
		audience: { sessionId, version, settings: { enabled, identity, downvotes, maxLength }, questions: visible.map(pub), labels: publicLabels },
		stage: {
			sessionId,
			version,
			highlighted: highlighted ? pub(highlighted) : null,
			top: qa
				.rank(
					visible.filter((q) => q.state === 'approved' && !q.highlighted),
					'popular'
				)
				.slice(0, STAGE_TOP)
				.map(pub),
			upNext: qa.upNext(visible, SPEAKER_NEXT).map(pub)
		},
		moderator: {
			sessionId,
			version,
			settings: session.qa,
			questions: all.map(({ participantId: _, ...q }) => q),
			labels
		}
	};
}

/** A phone's own questions and votes. `known` labels (the event's, from the shared views) spare two reads. */
export async function buildMine(db: Queryable, sessionId: string, participantId: string, known?: qa.Label[]): Promise<MyQa> {
	const labels = async () => {
		if (known) return known;
		const session = await eventsRepo.findSession(db, sessionId);
		return session ? repo.listLabels(db, session.eventId) : [];
	};
	const [mine, votes, labelList] = await Promise.all([repo.listByAuthor(db, sessionId, participantId), repo.myVotes(db, sessionId, participantId), labels()]);
	const publicIds = new Set(labelList.filter((l) => l.public).map((l) => l.id));
	return { sessionId, questions: mine.map((q) => qa.toAuthor(q, publicIds)), votes };
}
