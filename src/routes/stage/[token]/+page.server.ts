import { DomainError } from '$lib/domain/errors';
import { baseUrl, loadOrError, qrSvg, sessionActor } from '$lib/server/pages';
import { snapshot } from '$lib/server/sessions/sessionViews';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const base = await baseUrl(event);
	return loadOrError(async (ctx) => {
		const { sessionId } = await sessionActor(ctx, event.params.token, ['stage', 'moderator']);
		const snap = await snapshot(ctx, sessionId, 'stage', null);
		if (!snap) throw new DomainError('not_found', 'No such session.');
		const audienceUrl = `${base}/s/${sessionId}`;
		return {
			snapshot: snap,
			token: event.params.token,
			shortUrl: `${base.replace(/^https?:\/\//, '')}/${snap.view.joinCode}`,
			qr: await qrSvg(audienceUrl)
		};
	});
};
