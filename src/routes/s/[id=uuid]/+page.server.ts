import { fail, redirect } from '@sveltejs/kit';
import { randomId } from '$lib/domain/ids';
import { getApp } from '$lib/server/app';
import { asDomainError } from '$lib/server/errors';
import { loadOrError, readForm } from '$lib/server/pages';
import { castVote } from '$lib/server/polls/voting.service';
import { snapshot } from '$lib/server/sessions/sessionViews';
import { DomainError } from '$lib/domain/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals }) =>
	loadOrError(async (ctx) => {
		const snap = await snapshot(ctx, params.id, 'audience', locals.participantId);
		if (!snap) throw new DomainError('not_found', 'No such session.');
		return { snapshot: snap, submissionId: randomId() };
	});

/**
 * The no-JavaScript path: a plain form post casts the vote through the same service, then
 * post/redirect/get back to the session, whose snapshot shows the saved vote (once, at a clean
 * address that a reload does not post again). A refused vote stays on the page with its error.
 */
export const actions: Actions = {
	vote: async ({ request, locals, params, getClientAddress }) => {
		const { ctx } = await getApp();
		try {
			const form = await readForm(request);
			await castVote(
				ctx,
				locals.participantId,
				form.get('pollId'),
				{
					choices: form.getAll('choice').map(String),
					submissionId: form.get('submissionId')
				},
				getClientAddress()
			);
		} catch (e) {
			const known = asDomainError(e);
			if (known) return fail(known.status, { code: known.code });
			throw e;
		}
		redirect(303, `/s/${params.id}`);
	}
};
