INSERT INTO page_problems BY NAME
SELECT pages.source, pages.raw_sha256, $run_id AS run_id, problem.kind, problem.message, problem.location
FROM staged_problems AS problem
JOIN batch_pages AS pages ON pages.page_index = problem.page_index;
