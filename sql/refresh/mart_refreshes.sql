-- The definition each mart table was last built from, to rebuild the ones whose SQL changed since.
SELECT mart, definition_sha256 FROM mart_refreshes;
