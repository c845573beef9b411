import { DomainError } from '$lib/domain/errors';
import { baseUrl, loadOrError, sessionActor } from '$lib/server/pages';
import { snapshot } from '$lib/server/sessions/sessionViews';
import type { PageServerLoad } from './$types';

/** The speaker's confidence monitor: the stage's view of the session, opened with a stage or moderator link. */
export const load: PageServerLoad = async (event) => {
	const base = await baseUrl(event);
	return loadOrError(async (ctx) => {
		const { sessionId } = await sessionActor(ctx, event.params.token, ['stage', 'moderator']);
		const snap = await snapshot(ctx, sessionId, 'stage', null);
		if (!snap) throw new DomainError('not_found', 'No such session.');
		return {
			snapshot: snap,
			token: event.params.token,
			shortUrl: `${base.replace(/^https?:\/\//, '')}/${snap.view.joinCode}`
		};
	});
};
