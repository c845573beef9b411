import type { PollState, Visibility } from '$lib/domain/polls';
import { m } from '$lib/paraglide/messages.js';

/** Labels shared by every activity in the moderator console (polls, word clouds, walls). */
export const stateLabel = (a: { state: PollState }) => (a.state === 'open' ? m.state_open() : a.state === 'closed' ? m.state_closed() : m.state_draft());

export const visibilityLabel = (a: { visibility: Visibility; revealed: boolean }) =>
	(a.visibility === 'live' ? m.visibility_live() : a.visibility === 'after_vote' ? m.visibility_after_vote() : m.visibility_hidden()) +
	(a.visibility === 'hidden' && a.revealed ? ` · ${m.revealed()}` : '');

/** Downloads a moderator export (the API wants the moderator's token as a bearer token). */
export async function downloadWithToken(url: string, token: string, filename: string): Promise<boolean> {
	const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
	if (!res.ok) return false;
	const href = URL.createObjectURL(await res.blob());
	const a = Object.assign(document.createElement('a'), { href, download: filename });
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(href), 10_000);
	return true;
}
