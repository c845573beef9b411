import type { ActivityView, AudienceView } from '$lib/realtime/protocol';
import type { LiveSession } from './liveSession.svelte';
import { loadPollPanel } from './pollPanel';

/** What every activity panel on the phone gets (a panel ignores what it does not need). */
export interface PanelProps<S = unknown, A = ActivityView> {
	live: LiveSession<AudienceView>;
	/** The panel's state, kept by the page (a vote or entry on its way survives switching tabs). */
	state: S;
	activity: A;
	/** For the poll's form post without JavaScript, and its refusal. */
	submissionId?: string;
	formCode?: string;
	scripted?: boolean;
}

/**
 * The phone's activity panels, each loaded on its own so a phone downloads only the code of what
 * it shows (DESIGN.md §8: ≤ 60 KB gzip JS on every first view). The page keeps one instance of a
 * panel's state once loaded: a vote or question on its way survives switching tabs.
 */
export const panelLoaders = {
	poll: loadPollPanel,
	qa: async () => {
		const [view, state] = await Promise.all([import('$lib/components/qa/AudienceQa.svelte'), import('./qaAudience.svelte')]);
		return { view: view.default, State: state.QaAudience };
	},
	cloud: async () => {
		const [view, state] = await Promise.all([import('$lib/components/wordcloud/AudienceCloud.svelte'), import('./cloudAudience.svelte')]);
		return { view: view.default, State: state.CloudAudience };
	},
	/** Any format built as a module (src/lib/activities): its registered panel, through the registry. */
	module: async () => ({ view: (await import('$lib/components/activity/AudienceActivity.svelte')).default, State: null }),
	wall: async () => {
		const [view, state] = await Promise.all([import('$lib/components/wall/AudienceWall.svelte'), import('./wallAudience.svelte')]);
		return { view: view.default, State: state.WallAudience };
	}
};

export type PanelKind = keyof typeof panelLoaders;
export type PanelModules<K extends PanelKind> = Awaited<ReturnType<(typeof panelLoaders)[K]>>;
