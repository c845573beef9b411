import type { Activity, Visibility } from '$lib/domain/activity';
import type { Ctx } from '../context';
import type { Queryable } from '../db/driver';

/**
 * What a format gives the kernel. The kernel owns the lifecycle, the order, the pointers, the log
 * and the locking; a module owns its settings table and its responses, and says what a change
 * makes stale. `R` is the activity with its settings, as the module's repository reads it.
 */
export interface ActivityModule<R extends Omit<Activity, 'kind'> = Activity, S = unknown> {
	kind: string;
	/** For messages: "No such poll." */
	noun: string;
	/** A valid create request: for the docs, and for the tests that loop over every registered module. */
	example: Record<string, unknown>;
	/** Validates a moderator's create request. */
	define(body: unknown): { visibility: Visibility; settings: S };
	/** Stores the settings of a new activity (its `activities` row exists already, same transaction). */
	insert(tx: Queryable, activity: Activity, settings: S): Promise<void>;
	find(db: Queryable, id: string): Promise<R | null>;
	list(db: Queryable, sessionId: string): Promise<R[]>;
	/** Validates an edit against the locked activity (and its responses) and stores the settings; returns the new visibility. */
	edit?(tx: Queryable, locked: R, body: unknown): Promise<{ visibility: Visibility }>;
	/** Deletes every response (reset). */
	clear(tx: Queryable, id: string): Promise<void>;
	/** A short text naming it in the moderation log (the question, the prompt…). */
	title(a: R): string;
	/** Called after every committed change: caches to forget, hub updates to send. */
	changed(ctx: Ctx, a: Pick<Activity, 'id' | 'sessionId'>, how: 'set-up' | 'lifecycle' | 'reset' | 'deleted'): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyModule = ActivityModule<any, any>;
