import type { ClientActivityModule } from '../module';

/** The rating scale's components, each loaded when first shown. */
export const scaleClient: ClientActivityModule = {
	kind: 'scale',
	audience: async () => (await import('./Audience.svelte')).default,
	stage: async () => (await import('./Stage.svelte')).default,
	moderator: async () => (await import('./Moderator.svelte')).default
};
