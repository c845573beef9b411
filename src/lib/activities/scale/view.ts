import type { ActivityResults, ActivityView } from '$lib/realtime/protocol';
import type { ScaleResults, ScaleSettings } from './domain';

/** The scale's settings as the kernel sends them (an ActivityView of kind 'scale'). */
export type ScaleView = ActivityView & ScaleSettings;

export const asScale = (a: ActivityView) => a as ScaleView;

/** The results in an `activity` update, if the receiver may see them. */
export const resultsOf = (r: ActivityResults | undefined) => (r?.results ?? null) as ScaleResults | null;

/** A mean for people: one decimal, in the reader's language. */
export const meanText = (mean: number | null, locale: string) => (mean === null ? '–' : mean.toLocaleString(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 }));
