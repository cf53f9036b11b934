-- Delete-then-insert of whole keys inside the batch transaction: simpler than MERGE and, without an index
-- to maintain, several times faster for bulk loads. next_papers has one row per key by construction.
DELETE FROM papers WHERE paper_key IN (SELECT paper_key FROM affected_papers);
INSERT INTO papers BY NAME SELECT * FROM next_papers;
