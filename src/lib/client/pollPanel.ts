/**
 * The poll panel's code on its own module: +page.ts loads it before the page hydrates, and
 * SvelteKit links the CSS of whatever a universal load may import. Keeping the other panels out of
 * this module keeps their CSS off the phone's first load.
 */
export async function loadPollPanel() {
	const [view, state] = await Promise.all([import('$lib/components/poll/AudiencePoll.svelte'), import('./audienceVoting.svelte')]);
	return { view: view.default, State: state.AudienceVoting };
}
