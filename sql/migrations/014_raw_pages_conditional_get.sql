-- raw_pages gains the validators the fetcher sends back in conditional GETs
-- (If-None-Match / If-Modified-Since), so unchanged pages cost a 304 instead of a download.
ALTER TABLE raw_pages ADD COLUMN etag VARCHAR;  -- ETag response header
ALTER TABLE raw_pages ADD COLUMN last_modified VARCHAR;  -- Last-Modified response header, verbatim
