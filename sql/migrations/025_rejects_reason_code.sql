-- Rejects get a machine-readable reason code next to the one-line reason, so quarantined pages
-- (incomplete_parse, shrunk) can be told from pages that never were listings, and counted by kind.
-- Codes: invalid_source, unreadable_file, fetch_failed, not_a_listing, too_complex, parser_error,
-- incomplete_parse, shrunk, not_fetched. Rows written before this migration read 'unclassified'.
ALTER TABLE rejects ADD COLUMN reason_code VARCHAR;  -- machine-readable reason: incomplete_parse, shrunk, fetch_failed, not_a_listing, ...
UPDATE rejects SET reason_code = 'unclassified';
