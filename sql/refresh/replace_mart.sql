-- Materialize one mart: the table {mart} becomes what its live view {mart}_live computes now.
-- {mart} and {live} are quoted identifiers filled in by warehouse.marts; nothing else is.
CREATE OR REPLACE TABLE {mart} AS FROM {live};
