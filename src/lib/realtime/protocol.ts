/**
 * The one typed event map shared by the server, the browser clients and the tests.
 * When a payload changes incompatibly, add a new event name instead of changing an old one.
 */
import type { ErrorBody } from '$lib/domain/errors';
import type { Activity } from '$lib/domain/activity';
import type { Poll, Tally } from '$lib/domain/polls';
import type { StageState } from '$lib/domain/stage';
import type { AuthorQuestion, Label, PublicQuestion, QaSettings, Question } from '$lib/domain/qa';
import type { Wordcloud } from '$lib/domain/wordcloud';
import type { AudienceWall, AuthorAnswer, ModeratorWall, MyWall, Wall } from '$lib/domain/wall';

export type Role = 'audience' | 'moderator' | 'stage';

/**
 * Any activity as the kernel sends it: its kind, its lifecycle and its settings (which fields
 * depend on the kind; the kind's module on the client reads them).
 */
export interface ActivityView extends Omit<Activity, 'sessionId'> {
	/** A short text naming it (a poll's question, a cloud's prompt, a scale's first statement). */
	title: string;
	[setting: string]: unknown;
}

export type PollView = Omit<Poll, 'sessionId'>;
export type CloudView = Omit<Wordcloud, 'sessionId'>;
export type WallView = Omit<Wall, 'sessionId'>;

interface SessionHeader {
	sessionId: string;
	title: string;
	room: string;
	eventName: string;
	joinCode: string;
	languages: string[];
}

/**
 * What a phone sees: only the activity the moderator made active (a poll, a word cloud or a wall;
 * at most one is set), never counts or answers (those come as tallies, clouds and walls).
 */
export interface AudienceView extends SessionHeader {
	role: 'audience';
	/** The active activity of any kind (the kind-named fields below are the same one, for the older clients). */
	activity: ActivityView | null;
	poll: PollView | null;
	cloud: CloudView | null;
	wall: WallView | null;
}

export interface StageView extends SessionHeader {
	role: 'stage';
	stage: StageState;
	/** The activity shown (modes prompt and results), of any kind. */
	activity: ActivityView | null;
	poll: PollView | null;
	cloud: CloudView | null;
	wall: WallView | null;
}

export interface ModeratorView extends SessionHeader {
	role: 'moderator';
	stage: StageState;
	/** The activity phones see, of any kind. */
	activeActivityId: string | null;
	/** Every activity of the session in order, of every kind. */
	activities: ActivityView[];
	polls: PollView[];
	clouds: CloudView[];
	walls: WallView[];
}

export type SessionView = AudienceView | StageView | ModeratorView;

/** Q&A for phones: approved and answered questions only, public labels only. */
export interface AudienceQa {
	sessionId: string;
	/** Monotonic per session, like tally versions: clients keep the newest view. */
	version: number;
	/** The last commit this update includes (see `Ack`): for a client that wants to know when its action shows. */
	seq?: number;
	settings: Pick<QaSettings, 'enabled' | 'identity' | 'downvotes' | 'maxLength'>;
	questions: PublicQuestion[];
	labels: Label[];
}

/** Q&A for the stage and the speaker's confidence monitor. */
export interface StageQa {
	sessionId: string;
	version: number;
	/** The last commit this update includes (see `Ack`): for a client that wants to know when its action shows. */
	seq?: number;
	highlighted: PublicQuestion | null;
	top: PublicQuestion[];
	upNext: PublicQuestion[];
}

export interface ModeratorQa {
	sessionId: string;
	version: number;
	/** The last commit this update includes (see `Ack`): for a client that wants to know when its action shows. */
	seq?: number;
	settings: QaSettings;
	questions: Question[];
	labels: Label[];
}

export type QaView = AudienceQa | StageQa | ModeratorQa;

/** One group of a word cloud as shown: the key groups variants, `display` is the spelling shown. */
export interface CloudWord {
	key: string;
	display: string;
	count: number;
}

/** A word cloud's groups, versioned like tallies. `words` is null where the receiver may not see them yet. */
export interface CloudGroups {
	cloudId: string;
	version: number;
	/** The last commit this update includes (see `Ack`): for a client that wants to know when its action shows. */
	seq?: number;
	/** Entries counted (flagged entries left out). */
	entries: number;
	words: CloudWord[] | null;
	/** Moderators only: groups they hid, so they can show them again. */
	hidden?: CloudWord[];
}

export type WallUpdate = AudienceWall | ModeratorWall;

/** A phone's own entries per word cloud and its own wall answers and upvotes. */
export interface MyActivity {
	entries: Record<string, { id: string; text: string }[]>;
	wall: MyWall | null;
}

/** A phone's own questions, in any state (so it can say "not shown publicly"), and its votes. */
export interface MyQa {
	sessionId: string;
	questions: AuthorQuestion[];
	votes: Record<string, 1 | -1>;
}

export interface Snapshot {
	view: SessionView;
	qa: QaView | null;
	mine: MyQa | null;
	/** Tallies the receiver may see; counts are null where results are hidden from it. */
	tallies: Tally[];
	/** The participant's current choices per poll (audience only). */
	myVotes: Record<string, string[]>;
	presence: number;
	/** Word-cloud groups the receiver may see (words null where it may not). */
	clouds: CloudGroups[];
	walls: WallUpdate[];
	myActivity: MyActivity | null;
	/** Results of the formats that use the `activity` event, as the receiver may see them. */
	results: ActivityResults[];
	/** A phone's own answers to those formats, by activity id. */
	answers: Record<string, unknown>;
	/** The activities this phone has answered (after-answer results reach it). */
	answered: string[];
}

/**
 * A format's results on the `activity` event (every format after polls, clouds and walls):
 * versioned like tallies; `results` is null where the receiver may not see them yet.
 */
export interface ActivityResults {
	activityId: string;
	kind: string;
	version: number;
	seq?: number;
	results: unknown | null;
}

/**
 * `seq` (actions that store something): the number of the commit that stored it. Every versioned
 * update carries `seq` too, the last commit it includes: the first update with `seq` ≥ an ack's
 * includes that action.
 */
export type Ack<T> = { ok: true; data: T; seq?: number } | { ok: false; error: ErrorBody };

export interface VotePayload {
	pollId: string;
	choices: string[];
	submissionId: string;
}

export interface VoteResult {
	pollId: string;
	choices: string[];
	submissionId: string;
}

export type { ModeratorCommand } from './commands';
import type { ModeratorCommand } from './commands';

/**
 * Bumped on every incompatible change to this file's messages. A client built for another version
 * (a phone that kept an old page open through a deploy) is refused at the handshake with
 * `outdated` and reloads itself, instead of misbehaving.
 */
export const PROTOCOL_VERSION = 2;

/** A phone's action on an activity (rate, answer…), validated by the activity's module. */
export interface ActPayload {
	activityId: string;
	action: string;
	payload: unknown;
}

export interface ServerToClient {
	state: (view: SessionView) => void;
	tally: (tally: Tally) => void;
	presence: (p: { audience: number }) => void;
	qa: (view: QaView) => void;
	'qa:mine': (mine: MyQa) => void;
	cloud: (groups: CloudGroups) => void;
	wall: (wall: WallUpdate) => void;
	'wall:mine': (mine: MyWall) => void;
	activity: (results: ActivityResults) => void;
	'activity:mine': (mine: { activityId: string; mine: unknown }) => void;
}

export interface ClientToServer {
	snapshot: (ack: (res: Ack<Snapshot>) => void) => void;
	vote: (payload: VotePayload, ack: (res: Ack<VoteResult>) => void) => void;
	command: (cmd: ModeratorCommand, ack: (res: Ack<unknown>) => void) => void;
	'qa:ask': (payload: { id: string; text: string; name?: string | null }, ack: (res: Ack<AuthorQuestion>) => void) => void;
	'qa:vote': (payload: { questionId: string; value: -1 | 0 | 1; submissionId: string }, ack: (res: Ack<{ questionId: string; value: -1 | 0 | 1 }>) => void) => void;
	'qa:similar': (payload: { text: string }, ack: (res: Ack<{ id: string; text: string; upvotes: number }[]>) => void) => void;
	'cloud:submit': (payload: { cloudId: string; id: string; text: string; language?: string }, ack: (res: Ack<{ id: string; text: string; duplicate: boolean }>) => void) => void;
	'wall:answer': (payload: { wallId: string; id: string; text: string }, ack: (res: Ack<AuthorAnswer>) => void) => void;
	'wall:vote': (payload: { answerId: string; value: 0 | 1; submissionId: string }, ack: (res: Ack<{ answerId: string; value: 0 | 1 }>) => void) => void;
	act: (payload: ActPayload, ack: (res: Ack<unknown>) => void) => void;
}

/** Handshake `auth` payload. Phones send no token; moderators and stages send their link's token. */
export interface HandshakeAuth {
	sessionId: string;
	token?: string;
	/** A moderator may open the stage display with their own link. */
	view?: 'stage';
	/** The client's PROTOCOL_VERSION (absent: a script or test, taken as current). */
	v?: number;
}

export const rooms = {
	audience: (sessionId: string) => `s:${sessionId}`,
	moderators: (sessionId: string) => `s:${sessionId}:mod`,
	stage: (sessionId: string) => `s:${sessionId}:stage`,
	/** Phones that voted on an after-vote poll (or answered a cloud or wall): they may see its results. */
	voted: (pollId: string) => `p:${pollId}:voted`,
	participant: (participantId: string) => `u:${participantId}`
};

export const PATH = '/socket.io';
