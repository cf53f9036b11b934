-- macro: A cluster is identified by its normalized name, homonym number included.
-- depends on: normalized_text
CREATE OR REPLACE TEMP MACRO cluster_key(cluster_name) AS
    substr(md5(normalized_text(cluster_name)), 1, 16);
