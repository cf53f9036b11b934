-- Before a mart became a table it was a view of the same name (warehouse files before migration 029).
DROP VIEW IF EXISTS {mart};
