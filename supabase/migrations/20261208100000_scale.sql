-- Rating scale (src/lib/activities/scale): statements rated on one scale, with labels at both ends.
-- Its lifecycle, visibility and order are the kernel's (`activities`); this is its settings and
-- one row of ratings per phone (re-rating replaces it; a null element is a skipped statement).
create table scales (
	id uuid primary key references activities (id) on delete cascade,
	statements jsonb not null check (jsonb_typeof(statements) = 'array' and jsonb_array_length(statements) between 1 and 10),
	min_value smallint not null check (min_value in (0, 1)),
	max_value smallint not null check (max_value in (5, 7, 10)),
	low_label text not null default '' check (char_length(low_label) <= 40),
	high_label text not null default '' check (char_length(high_label) <= 40),
	allow_skip boolean not null default true
);

create table scale_responses (
	scale_id uuid not null references scales (id) on delete cascade,
	participant_id uuid not null references participants (id) on delete cascade,
	ratings smallint[] not null check (cardinality(ratings) between 1 and 10),
	submission_id uuid not null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	primary key (scale_id, participant_id)
);

alter table scales enable row level security;
alter table scale_responses enable row level security;
