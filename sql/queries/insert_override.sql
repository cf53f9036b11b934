-- Append one override row; the table is append-only (no UPDATE or DELETE anywhere).
INSERT INTO identity_overrides
    (override_id, action, author_key_a, name_a, author_key_b, name_b, person_id, revokes, reason, who, created_at)
VALUES (
    coalesce($override_id, (SELECT coalesce(max(override_id), 0) + 1 FROM identity_overrides)),
    $action, $author_key_a, $name_a, $author_key_b, $name_b, $person_id, $revokes, $reason, $who, $created_at
)
RETURNING override_id;
