import { firstPanel } from '$lib/client/firstPanel';
import { loadPollPanel } from '$lib/client/pollPanel';
import type { PageLoad } from './$types';

/**
 * The poll is rendered on the server (it votes without JavaScript too), so when a phone shows it
 * first its code must be loaded before the page hydrates. The other panels render in the browser
 * (the page loads their code).
 */
export const load: PageLoad = async ({ data }) => {
	// A chunk that fails to load must not replace the server's working page with an error page:
	// the page loads the panel again itself.
	const pollModules = firstPanel(data.snapshot.view, data.snapshot.qa) === 'poll' ? await loadPollPanel().catch(() => null) : null;
	return { ...data, pollModules };
};
