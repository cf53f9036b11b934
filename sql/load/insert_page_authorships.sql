INSERT INTO page_authorships BY NAME
SELECT *, $run_id AS run_id FROM batch_authorships;
