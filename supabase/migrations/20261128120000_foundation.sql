-- Foundation: events, sessions, polls, votes, participants, access grants, moderation log.
-- Runs on PostgreSQL 15 (Debian, Supabase) and PGlite (PG 18): no PG 16+ features.
-- Every table has row-level security on and no policy: through Supabase's REST API nothing is
-- exposed; the Plenum server connects as the table owner.

create table events (
	id uuid primary key,
	name text not null check (char_length(name) between 1 and 200),
	join_code text not null check (join_code ~ '^[A-HJKMNP-Z2-9]{6}$'),
	languages text[] not null default '{en}',
	created_at timestamptz not null default now()
);
create unique index events_join_code_key on events (join_code);

create table sessions (
	id uuid primary key,
	event_id uuid not null references events (id) on delete cascade,
	title text not null check (char_length(title) between 1 and 200),
	room text not null default '' check (char_length(room) <= 100),
	starts_at timestamptz,
	ends_at timestamptz,
	position integer not null default 0,
	stage_mode text not null default 'join' check (stage_mode in ('join', 'question', 'results')),
	stage_poll_id uuid,
	active_poll_id uuid,
	created_at timestamptz not null default now(),
	check (ends_at is null or starts_at is null or ends_at >= starts_at)
);
create index sessions_event_idx on sessions (event_id, position);

create table polls (
	id uuid primary key,
	session_id uuid not null references sessions (id) on delete cascade,
	question text not null check (char_length(question) between 1 and 300),
	options jsonb not null check (jsonb_typeof(options) = 'array' and jsonb_array_length(options) between 2 and 12),
	multiple boolean not null default false,
	max_choices integer not null default 1 check (max_choices between 1 and 12),
	visibility text not null default 'live' check (visibility in ('live', 'after_vote', 'hidden')),
	state text not null default 'draft' check (state in ('draft', 'open', 'closed')),
	revealed boolean not null default false,
	position integer not null default 0,
	created_at timestamptz not null default now(),
	opened_at timestamptz,
	closed_at timestamptz,
	check (multiple or max_choices = 1)
);
create index polls_session_idx on polls (session_id, position);

alter table sessions
	add constraint sessions_stage_poll_fk foreign key (stage_poll_id) references polls (id) on delete set null,
	add constraint sessions_active_poll_fk foreign key (active_poll_id) references polls (id) on delete set null;

-- Anonymous participants: the id is derived from a random cookie; nothing personal is stored.
create table participants (
	id uuid primary key,
	created_at timestamptz not null default now()
);

-- One current vote per participant and poll; the primary key enforces it.
create table votes (
	poll_id uuid not null references polls (id) on delete cascade,
	participant_id uuid not null references participants (id) on delete cascade,
	choices text[] not null check (cardinality(choices) between 1 and 12),
	submission_id uuid not null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	primary key (poll_id, participant_id)
);

-- Client submission ids: a retried action finds its first result here instead of acting twice.
create table submissions (
	id uuid primary key,
	participant_id uuid not null,
	kind text not null,
	result jsonb not null,
	created_at timestamptz not null default now()
);

-- A vote is only accepted for an open poll, with valid, distinct choices within the maximum.
create function plenum_check_vote() returns trigger language plpgsql as $$
declare
	p record;
begin
	select state, options, multiple, max_choices into p from polls where id = new.poll_id;
	if not found then
		raise exception 'poll_not_found' using errcode = 'P0002';
	end if;
	if p.state <> 'open' then
		raise exception 'poll_not_open' using errcode = 'P0001';
	end if;
	if cardinality(new.choices) > p.max_choices
		or (select count(distinct c) from unnest(new.choices) c) <> cardinality(new.choices)
		or exists (
			select 1 from unnest(new.choices) c
			where c not in (select o ->> 'id' from jsonb_array_elements(p.options) o)
		)
	then
		raise exception 'invalid_choices' using errcode = 'P0001';
	end if;
	return new;
end
$$;

create trigger votes_check before insert or update on votes
	for each row execute function plenum_check_vote();

-- Capability links: only a hash of each token is stored. Organiser grants cover a whole event.
create table access_grants (
	id uuid primary key,
	token_hash text not null unique,
	role text not null check (role in ('organiser', 'moderator', 'stage')),
	event_id uuid not null references events (id) on delete cascade,
	session_id uuid references sessions (id) on delete cascade,
	created_at timestamptz not null default now(),
	revoked_at timestamptz,
	check ((role = 'organiser') = (session_id is null))
);

create table moderation_log (
	id bigint generated always as identity primary key,
	event_id uuid not null references events (id) on delete cascade,
	session_id uuid references sessions (id) on delete cascade,
	actor_grant_id uuid,
	action text not null,
	details jsonb not null default '{}',
	created_at timestamptz not null default now()
);
create index moderation_log_session_idx on moderation_log (session_id, created_at);

alter table events enable row level security;
alter table sessions enable row level security;
alter table polls enable row level security;
alter table participants enable row level security;
alter table votes enable row level security;
alter table submissions enable row level security;
alter table access_grants enable row level security;
alter table moderation_log enable row level security;
