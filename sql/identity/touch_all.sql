-- Every author: `identity resolve` re-resolves the whole warehouse (after an upgrade, say).
CREATE OR REPLACE TEMP TABLE identity_touched AS
SELECT DISTINCT author_id FROM author_forms
UNION
SELECT cluster_author_id FROM loaded_pages;
