import { DomainError } from '$lib/domain/errors';
import * as wc from '$lib/domain/wordcloud';
import { entryInput, groupActionInput } from '$lib/domain/wordcloud.schema';
import { csv } from '$lib/domain/csv';
import { parse, uuid } from '$lib/domain/validate';
import type { Actor } from '../access/access.service';
import { useCasesOf } from '../activity/activity.service';
import type { Ctx } from '../context';
import { sqlState, type Queryable } from '../db/driver';
import { requireDistinct, type Receipt } from '../db/writeQueue';
import * as eventsRepo from '../events/events.repository';
import { requireSessionOf } from '../events/events.service';
import { matcherFor } from '../moderation/profanityMatcher';
import { groupsOf } from './cloudViews';
import { rulesFor } from './languageRules';
import * as repo from './wordcloud.repository';

/** The kernel's moderator use cases, held to word clouds. */
export const { list, create, update, remove, transition, reveal, act } = useCasesOf<repo.Wordcloud>('wordcloud');

/**
 * Word-cloud use cases beside the kernel's lifecycle (wordcloud.module.ts): an entry is
 * normalised on arrival and stored with its grouping key, so counting a cloud is one GROUP BY.
 * Changes reach the rooms through the hub: entries coalesced per tick, lifecycle changes at once.
 */

const MAX_WORDS = 3;

async function cloudOf(ctx: Ctx, actor: Actor, id: unknown) {
	const cloudId = parse(uuid, id);
	const cloud = await repo.findCloud(ctx.db, cloudId);
	if (!cloud) throw new DomainError('not_found', 'No such word cloud.');
	await requireSessionOf(ctx, actor, cloud.sessionId);
	return cloud;
}

async function log(tx: Queryable, actor: Actor, sessionId: string, action: string, details: unknown) {
	await eventsRepo.logAction(tx, { eventId: actor.grant.eventId, sessionId, actorGrantId: actor.grant.id, action, details });
}

/** A phone submits one entry (1–3 words). Retries and repeats of the same entry count once. */
export async function submit(ctx: Ctx, participantId: string, id: unknown, body: unknown, ip?: string, receipt?: Receipt) {
	const cloudId = parse(uuid, id);
	const input = parse(entryInput, body);
	ctx.limits.votes.take(participantId, 'entries');
	if (ip) ctx.limits.votesPerIp.take(ip, 'entries from this network');
	// A burst reads nothing per entry: the cloud's session never changes, and the cloud and its
	// event come from the views the room was last sent. The SQL trigger has the last word on state.
	const sessionId = await ctx.lookups.get(`wordcloud:${cloudId}`, async () => (await repo.findCloud(ctx.db, cloudId))?.sessionId ?? null);
	const views = sessionId ? await ctx.views.views(sessionId) : null;
	const cloud = views?.clouds.find((c) => c.id === cloudId);
	if (!views || !cloud) throw new DomainError('not_found', 'No such word cloud.');
	if (cloud.state !== 'open') throw new DomainError('poll_not_open', 'This word cloud is not open.');
	const text = wc.clean(input.text);
	if (text.length > cloud.maxChars) throw new DomainError('invalid_input', `An entry has at most ${cloud.maxChars} characters.`);
	const words = wc.wordCount(text);
	if (words < 1 || words > MAX_WORDS) throw new DomainError('invalid_input', `An entry has 1 to ${MAX_WORDS} words.`);
	const event = { id: views.eventId, languages: views.audience.languages };
	const language = input.language && event.languages.includes(input.language) ? input.language : event.languages[0];
	const key = wc.key(text, language, rulesFor(event.languages), { stemming: cloud.stemming, foldDiacritics: cloud.foldDiacritics });
	if (key === null) throw new DomainError('invalid_input', 'This entry has only very common words; try a more specific one.');
	const flagged = (await matcherFor(ctx.db, event.id, event.languages)).flagged(text);
	try {
		const { entry, fresh } = await ctx.queue.runShared(
			'wordcloud-entry',
			{ id: input.id, wordcloudId: cloud.id, participantId, text, language, key, flagged },
			writeEntries,
			undefined,
			receipt
		);
		if (fresh) ctx.hub.activityChanged('wordcloud', cloud.id);
		ctx.hub.voted(participantId, cloud.id); // after-entry visibility, like after-vote polls
		return { id: entry.id, text: entry.text, duplicate: !fresh };
	} catch (e) {
		const message = (e as Error)?.message ?? '';
		if (sqlState(e) === 'P0001' && message.includes('cloud_not_open')) throw new DomainError('poll_not_open', 'This word cloud is not open.');
		if (sqlState(e) === 'P0001' && message.includes('entry_limit')) {
			throw new DomainError('conflict', `You have already sent ${cloud.maxEntries} entries.`);
		}
		if (sqlState(e) === 'P0001' && message.includes('entry_id_taken')) throw new DomainError('conflict', 'This entry id is taken.');
		throw e;
	}
}

/** The entries of one commit together; a phone's repeated entry in the same commit is written apart. */
function writeEntries(tx: Queryable, entries: repo.NewEntry[]) {
	requireDistinct(
		entries,
		(e) => `${e.wordcloudId}:${e.participantId}:${e.key}`,
		(e) => e.id
	);
	return repo.insertEntries(tx, entries);
}

/** Moderators hide a group (and show it again) or merge one group into another, everywhere, live. */
export async function groupAction(ctx: Ctx, actor: Actor, id: unknown, body: unknown) {
	const cloud = await cloudOf(ctx, actor, id);
	const input = parse(groupActionInput, body);
	if (input.action === 'merge' && input.key === input.into) throw new DomainError('invalid_input', 'A group cannot be merged into itself.');
	await ctx.db.transaction(async (tx) => {
		if (input.action === 'merge') await repo.addMerge(tx, cloud.id, input.key, input.into);
		else await repo.setHidden(tx, cloud.id, input.key, input.action === 'hide');
		await log(tx, actor, cloud.sessionId, `wordcloud.${input.action}`, { activityId: cloud.id, ...input });
	});
	// Hiding is moderation: it reaches the stage and phones at once, not on the next tick.
	ctx.hub.activityChanged('wordcloud', cloud.id);
	await ctx.hub.flushActivities();
	return groups(ctx, cloud.id);
}

/** The cloud's groups: what everyone may see (`shown`, top 100) and what moderators hid. */
export async function groups(ctx: Ctx, cloudId: string) {
	const g = await groupsOf(ctx.db, cloudId);
	return { shown: g.shown.slice(0, 100), hidden: g.hidden };
}

export async function moderatorGroups(ctx: Ctx, actor: Actor, id: unknown) {
	const cloud = await cloudOf(ctx, actor, id);
	return groups(ctx, cloud.id);
}

/** Every entry with the group it counts in (after merges), for the organiser's spreadsheet. */
export async function entriesCsv(ctx: Ctx, actor: Actor, id: unknown): Promise<{ cloud: repo.Wordcloud; body: string }> {
	const cloud = await cloudOf(ctx, actor, id);
	const [rows, merges, hidden, g] = await Promise.all([
		repo.allEntries(ctx.db, cloud.id),
		repo.merges(ctx.db, cloud.id),
		repo.hidden(ctx.db, cloud.id),
		groupsOf(ctx.db, cloud.id)
	]);
	const hiddenKeys = new Set(hidden);
	const display = new Map([...g.shown, ...g.hidden].map((x) => [x.key, x.display]));
	const body = csv(
		['entry_id', 'created_at', 'language', 'text', 'group_key', 'group', 'hidden', 'flagged'],
		rows.map((r) => {
			const k = merges[r.key] ?? r.key;
			return [r.id, new Date(r.created_at).toISOString(), r.language, r.text, k, display.get(k) ?? '', hiddenKeys.has(k), r.flagged];
		})
	);
	return { cloud, body };
}
