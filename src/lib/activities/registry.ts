import type { ClientActivityModule } from './module';
import { scaleClient } from './scale/client';

/**
 * Every format the phone, the stage and the console render through the registry. Adding one is
 * adding it here; its code loads only where it is shown. (Polls, word clouds and walls still have
 * their own places in the pages; they move here next.)
 */
export const activityModules: readonly ClientActivityModule[] = [scaleClient];

export const clientModuleOf = (kind: string | undefined): ClientActivityModule | undefined => activityModules.find((m) => m.kind === kind);
