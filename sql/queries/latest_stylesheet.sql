-- The most recently fetched version of one stylesheet URL: its validators for a conditional GET, and its
-- bytes for when the server answers 304.
SELECT url, content, fetched_at, http_status, content_type, sha256, etag, last_modified
FROM raw_stylesheets
WHERE url = $url
ORDER BY fetched_at DESC NULLS LAST, sha256
LIMIT 1;
