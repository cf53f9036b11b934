-- Next answer to a conflict: the weak links of a conflicting component go.
DELETE FROM identity_edges
WHERE strength = 'weak'
    AND author_id_a IN (
        SELECT author_id FROM identity_components WHERE label IN (SELECT label FROM identity_conflicts)
    );
