-- How many sources have a stored raw page: what a --reparse will read.
SELECT count(DISTINCT source) FROM raw_pages;
