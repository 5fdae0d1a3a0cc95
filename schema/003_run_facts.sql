-- factledger ledger, schema version 3.
--
-- 1. Ingest runs count the support facts they add (issue 5), next to the amounts and dates. Runs
--    recorded before this migration keep 0: they did not count.
-- 2. Faster ingest, same rules: a CHECK (x IN ('a', 'b', 'c', ...)) makes SQLite 3.40 build a
--    temporary index of the list at every INSERT, which was the largest single cost of writing
--    mentions and facts. The lists of more than two values are rewritten as the equivalent
--    (x = 'a' OR x = 'b' OR ...): same accepted values, same NULL handling, so every stored row
--    still satisfies them. SQLite has no ALTER for a CHECK, and rebuilding the tables would, with
--    foreign keys on, cascade-delete the mentions and facts; so the CREATE TABLE text is edited
--    in sqlite_schema (PRAGMA writable_schema, as lang_altertable.html describes for constraint
--    changes that keep every existing row valid). The ALTER TABLE and the view below change the
--    schema cookie in the same transaction, so every open connection reloads the schema.
--    tests/test_ledger_migrations.cpp checks the accepted values and the INSERT plans.

PRAGMA writable_schema = ON;

UPDATE sqlite_schema SET sql = replace(sql,
    'qualifier IN (''exact'', ''approx'', ''upto'', ''atleast'', ''atmost'', ''range'')',
    'qualifier = ''exact'' OR qualifier = ''approx'' OR qualifier = ''upto'' OR qualifier = ''atleast'' OR qualifier = ''atmost'' OR qualifier = ''range''')
WHERE type = 'table' AND name = 'amount_mentions';

UPDATE sqlite_schema SET sql = replace(sql,
    'grain IN (''day'', ''month'', ''quarter'', ''half'', ''year'')',
    'grain = ''day'' OR grain = ''month'' OR grain = ''quarter'' OR grain = ''half'' OR grain = ''year''')
WHERE type = 'table' AND name = 'date_mentions';

UPDATE sqlite_schema SET sql = replace(replace(replace(replace(sql,
    'instrument IN (''grant'', ''loan'', ''equity'', ''fund'', ''tax'',
                                               ''guarantee'', ''procurement'', ''other'')',
    'instrument = ''grant'' OR instrument = ''loan'' OR instrument = ''equity'' OR instrument = ''fund'' OR instrument = ''tax'' OR instrument = ''guarantee'' OR instrument = ''procurement'' OR instrument = ''other'''),
    'status IN (''announced'', ''preliminary'', ''awarded'', ''disbursed'',
                                      ''cancelled'')',
    'status = ''announced'' OR status = ''preliminary'' OR status = ''awarded'' OR status = ''disbursed'' OR status = ''cancelled'''),
    'amount_kind IN (''committed'', ''registered_capital'', ''target'',
                                           ''cumulative'', ''annual'')',
    'amount_kind = ''committed'' OR amount_kind = ''registered_capital'' OR amount_kind = ''target'' OR amount_kind = ''cumulative'' OR amount_kind = ''annual'''),
    'review_state IN (''auto'', ''verified'', ''rejected'', ''edited'')',
    'review_state = ''auto'' OR review_state = ''verified'' OR review_state = ''rejected'' OR review_state = ''edited''')
WHERE type = 'table' AND name = 'facts';

PRAGMA writable_schema = OFF;

ALTER TABLE ingest_runs ADD COLUMN facts_added INTEGER NOT NULL DEFAULT 0;

-- v_runs lists its columns: recreated with facts_added after dates_added.
DROP VIEW v_runs;
CREATE VIEW v_runs AS
SELECT r.id, r.started_at, r.finished_at, r.status,
       CAST(round((julianday(coalesce(r.finished_at, r.started_at)) - julianday(r.started_at))
                  * 86400, 1) AS TEXT) AS seconds,
       r.files_seen AS files, r.articles_seen AS articles, r.articles_new AS new,
       r.articles_unchanged AS unchanged, r.articles_updated AS updated,
       r.articles_failed AS failed, r.amounts_added + r.dates_added AS mentions_added,
       r.amounts_added, r.dates_added, r.facts_added, r.warnings, r.errors,
       r.extractor_version, r.inputs
FROM ingest_runs r;
