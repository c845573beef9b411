import type { LiveSession } from '$lib/client/liveSession.svelte';
import type { ActivityResults, ActivityView, AudienceView, ModeratorCommand, ModeratorView } from '$lib/realtime/protocol';
import type { Component } from 'svelte';

/** What the phone's panel of a format gets. It sends through `live.outbox(…)` and reads `live.results`/`live.answers`. */
export interface AudienceProps {
	live: LiveSession<AudienceView>;
	activity: ActivityView;
}

/** What the stage's view of a format gets: its results only where the stage may see them, and only in `results` mode. */
export interface StageProps {
	activity: ActivityView;
	results: ActivityResults | undefined;
	showResults: boolean;
}

/** A format's panel in the moderator console: its activities, their live results, and a form to create one. */
export interface ModeratorProps {
	live: LiveSession<ModeratorView>;
	activities: ActivityView[];
	run: (cmd: ModeratorCommand, done?: string) => Promise<boolean>;
	token: string;
	notify: (text: string, isError: boolean) => void;
}

/** A format on the client: its kind, and its components, each loaded when first shown. */
export interface ClientActivityModule {
	kind: string;
	audience: () => Promise<Component<AudienceProps>>;
	stage: () => Promise<Component<StageProps>>;
	moderator: () => Promise<Component<ModeratorProps>>;
}
