import { DomainError } from '$lib/domain/errors';
import { baseUrl, loadOrError, sessionActor } from '$lib/server/pages';
import { snapshot } from '$lib/server/sessions/sessionViews';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const base = await baseUrl(event);
	return loadOrError(async (ctx) => {
		const { sessionId } = await sessionActor(ctx, event.params.token, ['moderator']);
		const snap = await snapshot(ctx, sessionId, 'moderator', null);
		if (!snap) throw new DomainError('not_found', 'No such session.');
		return { snapshot: snap, token: event.params.token, audienceUrl: `${base}/s/${sessionId}` };
	});
};
