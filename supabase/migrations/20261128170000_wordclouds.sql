-- Word clouds: one cloud per prompt; each participant submits up to max_entries short entries.
-- The grouping key is computed by the server (src/lib/domain/wordcloud.ts) when an entry arrives,
-- with the cloud's settings, so counting a cloud is one GROUP BY.
create table wordclouds (
	id uuid primary key,
	session_id uuid not null references sessions (id) on delete cascade,
	prompt text not null check (char_length(prompt) between 1 and 300),
	max_entries integer not null default 3 check (max_entries between 1 and 10),
	max_chars integer not null default 40 check (max_chars between 5 and 80),
	stemming boolean not null default true,
	fold_diacritics boolean not null default false,
	visibility text not null default 'live' check (visibility in ('live', 'after_vote', 'hidden')),
	state text not null default 'draft' check (state in ('draft', 'open', 'closed')),
	revealed boolean not null default false,
	position integer not null default 0,
	created_at timestamptz not null default now(),
	opened_at timestamptz,
	closed_at timestamptz
);
create index wordclouds_session_idx on wordclouds (session_id, position);

create table wordcloud_entries (
	-- Chosen by the phone: a retried submission is the same entry.
	id uuid primary key,
	wordcloud_id uuid not null references wordclouds (id) on delete cascade,
	participant_id uuid not null references participants (id) on delete cascade,
	text text not null check (char_length(text) between 1 and 80),
	language text not null check (char_length(language) between 2 and 8),
	key text not null,
	flagged boolean not null default false,
	created_at timestamptz not null default now(),
	-- The same entry (same key) from the same participant counts once.
	unique (wordcloud_id, participant_id, key)
);
create index wordcloud_entries_key_idx on wordcloud_entries (wordcloud_id, key);

create table wordcloud_hidden (
	wordcloud_id uuid not null references wordclouds (id) on delete cascade,
	key text not null,
	primary key (wordcloud_id, key)
);

create table wordcloud_merges (
	wordcloud_id uuid not null references wordclouds (id) on delete cascade,
	from_key text not null,
	into_key text not null,
	primary key (wordcloud_id, from_key),
	check (from_key <> into_key)
);

-- Entries only while the cloud is open, and at most max_entries per participant. The advisory
-- lock serialises one participant's concurrent submissions to one cloud, so the count is exact.
create function plenum_check_entry() returns trigger language plpgsql as $$
declare
	c record;
begin
	select state, max_entries into c from wordclouds where id = new.wordcloud_id for share;
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

create trigger wordcloud_entries_check before insert on wordcloud_entries
	for each row execute function plenum_check_entry();

alter table wordclouds enable row level security;
alter table wordcloud_entries enable row level security;
alter table wordcloud_hidden enable row level security;
alter table wordcloud_merges enable row level security;
