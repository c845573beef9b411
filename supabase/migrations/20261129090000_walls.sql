-- Open-text walls: phones send short answers to a prompt; moderators may review them first;
-- phones may upvote approved ones. Lifecycle and results visibility are the polls' rules.
create table walls (
	id uuid primary key,
	session_id uuid not null references sessions (id) on delete cascade,
	prompt text not null check (char_length(prompt) between 1 and 300),
	max_chars integer not null default 280 check (max_chars between 20 and 280),
	-- Per participant.
	max_answers integer not null default 3 check (max_answers between 1 and 10),
	-- When true, answers start pending and only approved ones are public.
	moderation boolean not null default false,
	upvotes boolean not null default true,
	-- The order phones and the stage show answers in.
	sort text not null default 'newest' check (sort in ('newest', 'top')),
	visibility text not null default 'live' check (visibility in ('live', 'after_vote', 'hidden')),
	state text not null default 'draft' check (state in ('draft', 'open', 'closed')),
	revealed boolean not null default false,
	position integer not null default 0,
	created_at timestamptz not null default now(),
	opened_at timestamptz,
	closed_at timestamptz
);
create index walls_session_idx on walls (session_id, position);

create table wall_answers (
	-- Chosen by the phone: a retried submission is the same answer.
	id uuid primary key,
	wall_id uuid not null references walls (id) on delete cascade,
	participant_id uuid not null references participants (id) on delete cascade,
	text text not null check (char_length(text) between 1 and 280),
	state text not null check (state in ('pending', 'approved', 'hidden')),
	-- Held back by the profanity filter.
	flagged boolean not null default false,
	-- Kept equal to the answer's rows in wall_answer_votes, in the vote's transaction.
	upvotes integer not null default 0 check (upvotes >= 0),
	created_at timestamptz not null default now()
);
create index wall_answers_wall_idx on wall_answers (wall_id, created_at);
create index wall_answers_author_idx on wall_answers (wall_id, participant_id);

-- One upvote per participant and answer. Retries are recognised by their submission id in
-- `submissions` (kind 'wall_vote'), which also covers removals, whose rows are gone.
create table wall_answer_votes (
	answer_id uuid not null references wall_answers (id) on delete cascade,
	participant_id uuid not null references participants (id) on delete cascade,
	created_at timestamptz not null default now(),
	primary key (answer_id, participant_id)
);
create index wall_answer_votes_participant_idx on wall_answer_votes (participant_id);

-- Answers only while the wall is open, no longer than max_chars, and at most max_answers per
-- participant. The share lock holds off a concurrent close; the advisory lock serialises one
-- participant's concurrent answers to one wall, so the count is exact.
create function plenum_check_wall_answer() returns trigger language plpgsql as $$
declare
	w record;
begin
	select state, max_chars, max_answers into w from walls where id = new.wall_id for share;
	if not found then
		raise exception 'wall_not_found' using errcode = 'P0002';
	end if;
	if w.state <> 'open' then
		raise exception 'wall_not_open' using errcode = 'P0001';
	end if;
	if char_length(new.text) > w.max_chars then
		raise exception 'answer_too_long' using errcode = 'P0001';
	end if;
	perform pg_advisory_xact_lock(hashtextextended(new.wall_id::text || new.participant_id::text, 0));
	if (select count(*) from wall_answers where wall_id = new.wall_id and participant_id = new.participant_id) >= w.max_answers then
		raise exception 'answer_limit' using errcode = 'P0001';
	end if;
	return new;
end
$$;

create trigger wall_answers_check before insert on wall_answers
	for each row execute function plenum_check_wall_answer();

alter table walls enable row level security;
alter table wall_answers enable row level security;
alter table wall_answer_votes enable row level security;
