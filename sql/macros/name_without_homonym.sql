-- macro: Cluster names may carry a dblp homonym number ("Chen Huang 0001"), like author lines do.
-- depends on: nothing
CREATE OR REPLACE TEMP MACRO name_without_homonym(full_name) AS
    regexp_replace(full_name, '\s+[0-9]{4}$', '');
