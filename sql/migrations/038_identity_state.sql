-- table: The highest person_id ever handed out, so a retired id is never reused.
CREATE TABLE identity_state (
    last_person_id BIGINT NOT NULL  -- the highest person_id ever handed out
);
INSERT INTO identity_state SELECT coalesce(max(person_id), 0) FROM author_persons;
