INSERT INTO cluster_papers BY NAME
SELECT cluster_key, paper_key, source, position, raw_sha256, $run_id AS run_id
FROM batch_papers;
