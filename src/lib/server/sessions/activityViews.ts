/** Kinds whose results the hub sends as gated payloads (polls send tallies). */
export type ActivityKind = 'wordcloud' | 'wall';

import type { Queryable } from '../db/driver';
import type { ActivityPayloads } from '../realtime/hub';
import * as wallService from '../wall/wall.service';
import { cloudPayloads } from '../wordcloud/cloudViews';
import * as cloudRepo from '../wordcloud/wordcloud.repository';

/** A word cloud's or a wall's payloads per role, for the hub's coalesced broadcasts and for snapshots. */
export async function activityPayloads(db: Queryable, kind: ActivityKind, id: string, version: number): Promise<ActivityPayloads | null> {
	if (kind === 'wordcloud') {
		const cloud = await cloudRepo.findCloud(db, id);
		if (!cloud) return null;
		return { sessionId: cloud.sessionId, gate: cloud, ...(await cloudPayloads(db, cloud, version)) };
	}
	const v = await wallService.views(db, id, version);
	if (!v) return null;
	// The stage's view is the fullest a non-moderator may get; the hub decides who receives it.
	return { sessionId: v.wall.sessionId, gate: v.wall, full: v.stage, dark: { ...v.stage, answers: null }, moderator: v.moderator };
}
