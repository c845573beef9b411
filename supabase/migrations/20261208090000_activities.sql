-- Activities: every interactive format (poll, word cloud, wall, rating scale, and those to come) is
-- one row here, with one lifecycle (draft, open, closed; revealed), one visibility rule and one
-- place in the session's order. A format's own table holds only its settings, 1:1 by id, and its
-- responses. The kind is free text on purpose: adding a format never alters this table or
-- `sessions` (the registry in src/lib/server/activity/registry.ts knows the kinds).
create table activities (
	id uuid primary key,
	session_id uuid not null references sessions (id) on delete cascade,
	kind text not null check (kind ~ '^[a-z][a-z0-9_]{0,39}$'),
	state text not null default 'draft' check (state in ('draft', 'open', 'closed')),
	visibility text not null default 'live' check (visibility in ('live', 'after_vote', 'hidden')),
	revealed boolean not null default false,
	position integer not null default 0,
	created_at timestamptz not null default now(),
	opened_at timestamptz,
	closed_at timestamptz
);
create index activities_session_idx on activities (session_id, position, created_at);
alter table activities enable row level security;

insert into activities (id, session_id, kind, state, visibility, revealed, position, created_at, opened_at, closed_at)
	select id, session_id, 'poll', state, visibility, revealed, position, created_at, opened_at, closed_at from polls;
insert into activities (id, session_id, kind, state, visibility, revealed, position, created_at, opened_at, closed_at)
	select id, session_id, 'wordcloud', state, visibility, revealed, position, created_at, opened_at, closed_at from wordclouds;
insert into activities (id, session_id, kind, state, visibility, revealed, position, created_at, opened_at, closed_at)
	select id, session_id, 'wall', state, visibility, revealed, position, created_at, opened_at, closed_at from walls;

-- The sessions' pointers become one pair for every kind: what phones answer, what the stage shows
-- (its prompt or its results). Polls lose their own columns and stage modes.
alter table sessions drop constraint if exists sessions_active_activity_pair;
update sessions set active_activity_id = coalesce(active_poll_id, active_activity_id);
update sessions set stage_activity_id = case
		when stage_mode in ('question', 'results') then stage_poll_id
		when stage_mode in ('cloud', 'wall') then stage_activity_id
	end;
alter table sessions drop constraint if exists sessions_stage_mode_check;
update sessions set stage_mode = case stage_mode
		when 'question' then 'prompt'
		when 'cloud' then 'results'
		when 'wall' then 'results'
		else stage_mode
	end;
update sessions set active_activity_id = null where active_activity_id not in (select id from activities);
update sessions set stage_activity_id = null where stage_activity_id not in (select id from activities);
update sessions set stage_mode = 'join' where stage_mode in ('prompt', 'results') and stage_activity_id is null;
alter table sessions drop column active_activity_kind;
alter table sessions drop column active_poll_id;
alter table sessions drop column stage_poll_id;
alter table sessions add constraint sessions_stage_mode_check check (stage_mode in ('join', 'prompt', 'results', 'qa'));
alter table sessions
	add constraint sessions_active_activity_fk foreign key (active_activity_id) references activities (id) on delete set null,
	add constraint sessions_stage_activity_fk foreign key (stage_activity_id) references activities (id) on delete set null;

-- The formats' tables keep their settings only; the lifecycle lives in `activities`.
alter table polls
	drop column session_id, drop column visibility, drop column state, drop column revealed,
	drop column position, drop column created_at, drop column opened_at, drop column closed_at,
	add constraint polls_activity_fk foreign key (id) references activities (id) on delete cascade;
alter table wordclouds
	drop column session_id, drop column visibility, drop column state, drop column revealed,
	drop column position, drop column created_at, drop column opened_at, drop column closed_at,
	add constraint wordclouds_activity_fk foreign key (id) references activities (id) on delete cascade;
alter table walls
	drop column session_id, drop column visibility, drop column state, drop column revealed,
	drop column position, drop column created_at, drop column opened_at, drop column closed_at,
	add constraint walls_activity_fk foreign key (id) references activities (id) on delete cascade;

-- Responses are accepted only while their activity is open. Each check takes a share lock on the
-- activity row: the kernel's open/close/reset lock it for update (one lock policy for every kind),
-- so a close or reset waits for responses in flight and sees them.
create or replace function plenum_check_vote() returns trigger language plpgsql as $$
declare
	p record;
begin
	select a.state, q.options, q.multiple, q.max_choices into p
		from polls q join activities a on a.id = q.id where q.id = new.poll_id for share of a;
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

create or replace function plenum_check_entry() returns trigger language plpgsql as $$
declare
	c record;
begin
	select a.state, w.max_entries into c
		from wordclouds w join activities a on a.id = w.id where w.id = new.wordcloud_id for share of a;
	if not found then
		raise exception 'cloud_not_found' using errcode = 'P0002';
	end if;
	if c.state <> 'open' then
		raise exception 'cloud_not_open' using errcode = 'P0001';
	end if;
	perform pg_advisory_xact_lock(hashtextextended(new.wordcloud_id::text || new.participant_id::text, 0));
	if (select count(*) from wordcloud_entries where wordcloud_id = new.wordcloud_id and participant_id = new.participant_id) >= c.max_entries then
		raise exception 'entry_limit' using errcode = 'P0001';
	end if;
	return new;
end
$$;

create or replace function plenum_check_wall_answer() returns trigger language plpgsql as $$
declare
	w record;
begin
	select a.state, x.max_chars, x.max_answers into w
		from walls x join activities a on a.id = x.id where x.id = new.wall_id for share of a;
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
