-- Word clouds and open-text walls become activities like polls: one of them at a time is the
-- one phones see, and the stage can show one. The pointer is polymorphic (kind + id), so it has
-- no foreign key; services clear it when they remove an activity.
alter table sessions add column active_activity_kind text check (active_activity_kind in ('wordcloud', 'wall'));
alter table sessions add column active_activity_id uuid;
alter table sessions add constraint sessions_active_activity_pair check ((active_activity_kind is null) = (active_activity_id is null));
alter table sessions add column stage_activity_id uuid;

alter table sessions drop constraint if exists sessions_stage_mode_check;
alter table sessions add constraint sessions_stage_mode_check check (stage_mode in ('join', 'question', 'results', 'qa', 'cloud', 'wall'));
