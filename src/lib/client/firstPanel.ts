import type { AudienceQa, AudienceView, SessionView } from '$lib/realtime/protocol';

type FirstPanel = 'poll' | 'qa' | 'cloud' | 'wall' | 'module';

/** The panel that shows the phone's active activity: the first three formats' own, or the one for formats built as modules. */
export const activityPanel = (v: AudienceView) => (v.cloud ? 'cloud' : v.wall ? 'wall' : v.poll ? 'poll' : v.activity ? 'module' : null);

/** What a phone shows first: the active activity, else the questions when the session takes them. */
export function firstPanel(view: SessionView, qa: unknown): FirstPanel | null {
	return activityPanel(view as AudienceView) ?? ((qa as AudienceQa | null)?.settings?.enabled ? 'qa' : null);
}
