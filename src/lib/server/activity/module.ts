import type { Activity, Visible, Visibility } from '$lib/domain/activity';
import type { z } from 'zod';
import type { Ctx } from '../context';
import type { Queryable } from '../db/driver';
import type { Receipt } from '../db/writeQueue';
import type { PollCache } from '../polls/pollCache';
import type { TallyCounters } from '../polls/tallyCounters';

/** What a module reads its results from: the database, and the live counters some keep in memory. */
export interface ResultSources {
	db: Queryable;
	polls: PollCache;
	tallies: TallyCounters;
}

/**
 * An activity's results, per role, for one version: moderators get `moderator`; whoever the gate
 * lets see results gets `full`; the others `dark` (the same message without the results).
 */
export interface ResultPayloads {
	/** The fields the gate decides on, and where to send. */
	activity: Visible & { id: string; sessionId: string };
	full: { version: number; seq?: number };
	dark: { version: number; seq?: number };
	moderator: { version: number; seq?: number };
}

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
	/** A phone's valid action on it (fresh ids each call), for those tests too. */
	exampleAction: { name: string; input: () => Record<string, unknown> };
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
	/** The socket event its results go out on ('activity' for every format after the first three). */
	event: 'tally' | 'cloud' | 'wall' | 'activity';
	/** Its results per role; null if it no longer exists. Never decides who receives what: the gate does. */
	payloads(src: ResultSources, id: string, version: number): Promise<ResultPayloads | null>;
	/** What one phone gave (null if nothing): shown back to it. */
	mine(db: Queryable, id: string, participantId: string): Promise<unknown | null>;
	/** Whether that counts as having answered, for after-answer visibility (default: anything given). */
	answered?(mine: unknown): boolean;
	/**
	 * What phones do with it (answer, rate…), by name. The kernel checks the activity is open and the
	 * phone's rate limit, validates the input with `input`, then runs the action; the action stores
	 * through the write queue (acknowledged after the commit) and is safe to retry.
	 */
	actions?: Record<string, PhoneAction<R>>;
	/** Its responses as a spreadsheet (`GET /api/activities/:id/export`): a header and rows, no participant ids. */
	exportRows?(db: Queryable, activity: R): Promise<{ header: string[]; rows: (string | number | boolean | null)[][] }>;
	/** Called after every committed change, before the hub sends it: the module's own caches to forget. */
	changed?(ctx: Ctx, id: string, how: 'set-up' | 'lifecycle' | 'reset' | 'deleted'): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyModule = ActivityModule<any, any>;

export interface PhoneAction<R> {
	input: z.ZodType;
	/** The per-phone budget it draws on (Ctx['limits']); none: the action takes its own (the first formats' services do). */
	limit?: 'votes' | 'answers';
	run(ctx: Ctx, participantId: string, activity: R, input: never, receipt?: Receipt): Promise<unknown>;
	/** The first result of a retried submission (null: none), answered even once the activity closed. */
	replay?(ctx: Ctx, participantId: string, activity: R, input: never): Promise<unknown>;
}
