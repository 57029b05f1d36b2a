-- Run once by the postgres image when the data directory is new (docker-entrypoint-initdb.d):
-- `novamart slowlog` reads pg_stat_statements beside the slow-query log, so the extension must
-- exist in the service's database (the library itself is loaded by shared_preload_libraries).
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
