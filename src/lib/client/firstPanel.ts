import type { AudienceQa, AudienceView, SessionView } from '$lib/realtime/protocol';

type FirstPanel = 'poll' | 'qa' | 'cloud' | 'wall';

/** What a phone shows first: the active activity, else the questions when the session takes them. */
export function firstPanel(view: SessionView, qa: unknown): FirstPanel | null {
	const v = view as AudienceView;
	if (v.cloud) return 'cloud';
	if (v.wall) return 'wall';
	if (v.poll) return 'poll';
	return (qa as AudienceQa | null)?.settings?.enabled ? 'qa' : null;
}
