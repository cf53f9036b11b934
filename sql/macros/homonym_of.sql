-- macro: The dblp homonym number at the end of a name, or NULL.
-- depends on: nothing
CREATE OR REPLACE TEMP MACRO homonym_of(full_name) AS
    nullif(regexp_extract(full_name, '\s([0-9]{4})$', 1), '');
