-- A vote takes a share lock on its poll row while its transaction runs. A moderator's close or
-- reset (which locks the row for update) then waits for votes already in flight to commit, and
-- sees them: no vote can slip into a poll that was closed or reset meanwhile (PostgreSQL runs
-- transactions concurrently; PGlite runs them one at a time, where this changes nothing).
create or replace function plenum_check_vote() returns trigger language plpgsql as $$
declare
	p record;
begin
	select state, options, multiple, max_choices into p from polls where id = new.poll_id for share;
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
