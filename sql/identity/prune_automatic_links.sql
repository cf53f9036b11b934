-- Last answer to a conflict: a component still conflicting keeps only its override links; its names stay
-- apart, and the conflict stays visible as suspects do (identity explain).
DELETE FROM identity_edges
WHERE strength <> 'override'
    AND author_id_a IN (
        SELECT author_id FROM identity_components WHERE label IN (SELECT label FROM identity_conflicts)
    );
