-- Delete-then-insert of whole keys inside the batch transaction: without an index to maintain, several
-- times faster than MERGE for bulk loads. next_paper_choice has one row per key by construction.
DELETE FROM paper_choice WHERE paper_id IN (SELECT paper_id FROM affected_papers);
INSERT INTO paper_choice BY NAME SELECT * FROM next_paper_choice;
