-- Audience Q&A: questions, votes on them, labels, blocked participants, per-event profanity edits.
-- pg_trgm powers "similar questions" on PGlite (loaded as an extension) and PostgreSQL alike.
create extension if not exists pg_trgm;

alter table sessions
	add column qa_enabled boolean not null default true,
	add column qa_premoderation boolean not null default false,
	add column qa_identity text not null default 'choice' check (qa_identity in ('anonymous', 'named', 'choice')),
	add column qa_downvotes boolean not null default false,
	add column qa_max_length integer not null default 300 check (qa_max_length between 20 and 1000);

-- The stage may now show the Q&A.
alter table sessions drop constraint if exists sessions_stage_mode_check;
alter table sessions add constraint sessions_stage_mode_check check (stage_mode in ('join', 'question', 'results', 'qa'));

create table questions (
	id uuid primary key,
	session_id uuid not null references sessions (id) on delete cascade,
	participant_id uuid not null references participants (id) on delete cascade,
	author_name text check (char_length(author_name) <= 60),
	text text not null check (char_length(text) between 1 and 1000),
	original_text text,
	state text not null default 'approved' check (state in ('pending', 'approved', 'rejected', 'answered', 'archived')),
	flagged boolean not null default false,
	highlighted boolean not null default false,
	star_position integer,
	merged_into uuid references questions (id) on delete set null,
	merged_count integer not null default 0,
	upvotes integer not null default 0 check (upvotes >= 0),
	downvotes integer not null default 0 check (downvotes >= 0),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
create index questions_session_idx on questions (session_id, state, created_at);
-- At most one highlighted question per session, enforced by the database.
create unique index questions_one_highlight on questions (session_id) where highlighted;
create index questions_text_trgm on questions using gin (text gin_trgm_ops);

-- One vote per participant and question: +1 or -1. Counts on questions are kept in step in the
-- same transaction (see qa.repository.ts) so lists never need an aggregate.
create table question_votes (
	question_id uuid not null references questions (id) on delete cascade,
	participant_id uuid not null references participants (id) on delete cascade,
	value smallint not null check (value in (-1, 1)),
	created_at timestamptz not null default now(),
	primary key (question_id, participant_id)
);

create table labels (
	id uuid primary key,
	event_id uuid not null references events (id) on delete cascade,
	name text not null check (char_length(name) between 1 and 40),
	public boolean not null default false,
	position integer not null default 0,
	unique (event_id, name)
);

create table question_labels (
	question_id uuid not null references questions (id) on delete cascade,
	label_id uuid not null references labels (id) on delete cascade,
	primary key (question_id, label_id)
);

create table blocked_participants (
	event_id uuid not null references events (id) on delete cascade,
	participant_id uuid not null,
	blocked_by uuid,
	created_at timestamptz not null default now(),
	primary key (event_id, participant_id)
);

create table profanity_edits (
	event_id uuid not null references events (id) on delete cascade,
	language text not null,
	term text not null check (char_length(term) between 1 and 60),
	action text not null check (action in ('add', 'remove')),
	primary key (event_id, language, term)
);

alter table questions enable row level security;
alter table question_votes enable row level security;
alter table labels enable row level security;
alter table question_labels enable row level security;
alter table blocked_participants enable row level security;
alter table profanity_edits enable row level security;
