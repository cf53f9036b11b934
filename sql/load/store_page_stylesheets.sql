-- A page version's stylesheets never change once stored: the same page stored again keeps its first set.
INSERT INTO page_stylesheets (source, page_sha256, position, href, url, sheet_sha256)
SELECT DISTINCT source, page_sha256, position, href, url, sheet_sha256
FROM staged_page_stylesheets
ON CONFLICT DO NOTHING;
