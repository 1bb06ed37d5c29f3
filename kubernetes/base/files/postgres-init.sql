-- Runs once, when the compose PostgreSQL initialises its data directory (docker-entrypoint-initdb.d):
-- the per-statement counters the toolkit and the exporter read (the server preloads the library).
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
