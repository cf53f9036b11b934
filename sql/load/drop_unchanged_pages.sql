-- Content already loaded for its source contributes nothing new; re-parsing reloads it anyway.
DELETE FROM batch_pages WHERE unchanged AND NOT $reparse;
