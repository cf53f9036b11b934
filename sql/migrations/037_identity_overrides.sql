-- table: Append-only identity overrides: who, when, why. A revocation is a row too; nothing is deleted.
CREATE TABLE identity_overrides (
    override_id INTEGER NOT NULL,  -- 1, 2, ... in the order written
    action VARCHAR NOT NULL,  -- link, unlink, assign or revoke
    author_key_a VARCHAR,  -- link/unlink/assign: the first author group (assign: the form assigned)
    name_a VARCHAR,  -- its name as given
    author_key_b VARCHAR,  -- link/unlink: the second group; assign: a member of the target person
    name_b VARCHAR,  -- its name as given
    person_id BIGINT,  -- assign: the target person, as it was numbered when assigned
    revokes INTEGER,  -- revoke: the override_id it revokes
    reason VARCHAR NOT NULL,  -- why, as given
    who VARCHAR NOT NULL,  -- who wrote it
    created_at TIMESTAMPTZ NOT NULL,  -- when
    PRIMARY KEY (override_id)
);
