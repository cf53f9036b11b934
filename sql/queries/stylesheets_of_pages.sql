-- The stylesheets each asked-for page version was stored with, in the page's order, for re-parsing.
WITH asked AS (
    SELECT unnest($sources::VARCHAR[]) AS source, unnest($sha256s::VARCHAR[]) AS page_sha256
)
SELECT
    linked.source, linked.page_sha256, linked.href, sheet.url, sheet.content, sheet.fetched_at,
    sheet.http_status, sheet.content_type, sheet.sha256, sheet.etag, sheet.last_modified
FROM page_stylesheets AS linked
JOIN asked USING (source, page_sha256)
JOIN raw_stylesheets AS sheet ON sheet.url = linked.url AND sheet.sha256 = linked.sheet_sha256
ORDER BY linked.source, linked.page_sha256, linked.position;
