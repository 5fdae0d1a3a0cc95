-- factledger ledger, schema version 1: outlets, articles, amount and date mentions with full
-- provenance, currencies, ingest runs and their errors, full-text search, and views for SQL users.
-- Applied by factledger inside one transaction; PRAGMA user_version records the version.
-- Later migrations (002_..., 003_...) add facts, entities and events next to these tables.
--
-- Conventions:
--   * offsets (start/end, sentence_start/sentence_end) are Unicode CODE-POINT offsets into
--     articles.text, half-open, so that substr(articles.text, start + 1, end - start) = text;
--   * money is exact: `value`/`max` are decimal TEXT in whole currency units ("8500000000",
--     "2.5"), `value_minor`/`max_minor` the same amount as an INTEGER of minor units by the
--     currency's ISO 4217 exponent (NULL only if it would overflow 64 bits). Never a REAL;
--   * dates are ISO 8601 TEXT at the precision the text gives, with their grain;
--   * timestamps are UTC ISO 8601 TEXT ("2025-07-16T08:30:00Z").

CREATE TABLE currencies (
  code     TEXT PRIMARY KEY CHECK (length(code) = 3 AND code = upper(code)),
  exponent INTEGER NOT NULL CHECK (exponent BETWEEN 0 AND 4), -- ISO 4217 minor unit
  name     TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO currencies (code, exponent, name) VALUES
  ('USD', 2, 'US dollar'),
  ('EUR', 2, 'Euro'),
  ('GBP', 2, 'Pound sterling'),
  ('CNY', 2, 'Chinese yuan renminbi'),
  ('JPY', 0, 'Japanese yen'),
  ('KRW', 0, 'South Korean won'),
  ('INR', 2, 'Indian rupee'),
  ('HKD', 2, 'Hong Kong dollar'),
  ('TWD', 2, 'New Taiwan dollar'),
  ('AUD', 2, 'Australian dollar'),
  ('CAD', 2, 'Canadian dollar'),
  ('SGD', 2, 'Singapore dollar'),
  ('CHF', 2, 'Swiss franc'),
  ('SEK', 2, 'Swedish krona'),
  ('NOK', 2, 'Norwegian krone'),
  ('DKK', 2, 'Danish krone'),
  ('PLN', 2, 'Polish zloty'),
  ('CZK', 2, 'Czech koruna'),
  ('HUF', 2, 'Hungarian forint'),
  ('RUB', 2, 'Russian ruble'),
  ('BRL', 2, 'Brazilian real'),
  ('MXN', 2, 'Mexican peso'),
  ('ZAR', 2, 'South African rand'),
  ('TRY', 2, 'Turkish lira'),
  ('ILS', 2, 'Israeli new shekel'),
  ('AED', 2, 'UAE dirham'),
  ('SAR', 2, 'Saudi riyal'),
  ('QAR', 2, 'Qatari riyal'),
  ('MYR', 2, 'Malaysian ringgit'),
  ('THB', 2, 'Thai baht'),
  ('IDR', 2, 'Indonesian rupiah'),
  ('PHP', 2, 'Philippine peso'),
  ('VND', 0, 'Vietnamese dong'),
  ('NZD', 2, 'New Zealand dollar'),
  ('CLP', 0, 'Chilean peso'),
  ('ISK', 0, 'Icelandic krona'),
  ('XOF', 0, 'CFA franc BCEAO'),
  ('XAF', 0, 'CFA franc BEAC'),
  ('KWD', 3, 'Kuwaiti dinar'),
  ('BHD', 3, 'Bahraini dinar'),
  ('JOD', 3, 'Jordanian dinar'),
  ('OMR', 3, 'Omani rial'),
  ('IQD', 3, 'Iraqi dinar');

-- Outlets. `name` is the outlet as the input names it (og:site_name, the record's source, the
-- --source option), else the URL's host without "www.".
CREATE TABLE sources (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);

-- One row per ingest run (one `factledger ingest` invocation). Counters are updated with every
-- committed batch, so they always match what the run wrote, even after a kill.
CREATE TABLE ingest_runs (
  id                 INTEGER PRIMARY KEY,
  started_at         TEXT NOT NULL,
  finished_at        TEXT,
  status             TEXT NOT NULL DEFAULT 'running'
                     CHECK (status IN ('running', 'ok', 'errors', 'failed', 'interrupted')),
  inputs             TEXT NOT NULL DEFAULT '', -- the PATH arguments, one per line
  factledger_version TEXT NOT NULL,
  extractor_version  TEXT NOT NULL,
  pid                INTEGER,                  -- to tell a live run from a killed one
  files_seen         INTEGER NOT NULL DEFAULT 0,
  articles_seen      INTEGER NOT NULL DEFAULT 0,
  articles_new       INTEGER NOT NULL DEFAULT 0,
  articles_unchanged INTEGER NOT NULL DEFAULT 0,
  articles_updated   INTEGER NOT NULL DEFAULT 0,
  articles_failed    INTEGER NOT NULL DEFAULT 0,
  amounts_added      INTEGER NOT NULL DEFAULT 0,
  dates_added        INTEGER NOT NULL DEFAULT 0,
  warnings           INTEGER NOT NULL DEFAULT 0,
  errors             INTEGER NOT NULL DEFAULT 0
);

-- Problems met by a run: `origin` is FILE or FILE:LINE.
CREATE TABLE ingest_errors (
  id       INTEGER PRIMARY KEY,
  run_id   INTEGER NOT NULL REFERENCES ingest_runs (id) ON DELETE CASCADE,
  severity TEXT NOT NULL CHECK (severity IN ('warning', 'error')),
  origin   TEXT NOT NULL,
  message  TEXT NOT NULL,
  at       TEXT NOT NULL
);
CREATE INDEX ingest_errors_run ON ingest_errors (run_id);

-- One row per article. `key` identifies it across runs: 'url:' + the normalized canonical URL
-- when it has one, else 'sha256:' + content_hash. `content_hash` is the SHA-256 (hex) of `text`.
CREATE TABLE articles (
  id                INTEGER PRIMARY KEY,
  key               TEXT NOT NULL UNIQUE,
  url               TEXT,
  title             TEXT NOT NULL DEFAULT '',
  published         TEXT CHECK (published IS NULL OR published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  lang              TEXT NOT NULL,
  source_id         INTEGER REFERENCES sources (id),
  content_hash      TEXT NOT NULL,
  text              TEXT NOT NULL,
  origin            TEXT NOT NULL DEFAULT '', -- FILE[:LINE] it was last read from
  ingested_at       TEXT NOT NULL,            -- first ingested
  updated_at        TEXT NOT NULL,            -- last (re-)extracted
  extractor_version TEXT NOT NULL,
  run_id            INTEGER REFERENCES ingest_runs (id) -- run that last wrote it
);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_source ON articles (source_id);

-- Monetary amounts found in articles. A range has `max`; a restatement in another currency
-- ("60 milliards de yuans (8,2 milliards de dollars)") is kept as `equivalent_*` of the first.
CREATE TABLE amount_mentions (
  id                  INTEGER PRIMARY KEY,
  article_id          INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  ordinal             INTEGER NOT NULL,           -- 0-based position among the article's amounts
  sentence_index      INTEGER NOT NULL,           -- 0-based, text::split_sentences
  sentence_start      INTEGER NOT NULL,           -- code points
  sentence_end        INTEGER NOT NULL,
  start               INTEGER NOT NULL,           -- code points
  end                 INTEGER NOT NULL,
  text                TEXT NOT NULL,              -- as written
  value               TEXT NOT NULL,              -- exact decimal, whole currency units
  value_minor         INTEGER,                    -- minor units (ISO 4217 exponent)
  max                 TEXT,                       -- high end of a range
  max_minor           INTEGER,
  currency            TEXT NOT NULL REFERENCES currencies (code),
  qualifier           TEXT NOT NULL
                      CHECK (qualifier IN ('exact', 'approx', 'upto', 'atleast', 'atmost', 'range')),
  readable            TEXT NOT NULL,              -- "8.5 bn USD", "2-3 bn EUR"
  equivalent_value    TEXT,
  equivalent_currency TEXT REFERENCES currencies (code),
  equivalent_text     TEXT,
  rule                TEXT NOT NULL,
  extractor_version   TEXT NOT NULL,
  CHECK (start <= end AND sentence_start <= start AND end <= sentence_end),
  UNIQUE (article_id, ordinal)
);
CREATE INDEX amount_mentions_currency ON amount_mentions (currency);

-- Dates and periods found in articles; `value`/`value_end` are ISO 8601 at the text's precision
-- ("2025", "2025-04", "2025-07-16", "2025-Q1", "2025-H1"), NULL when a relative expression had
-- no published date to resolve against. kind 'duration' holds an ISO 8601 duration ("P5Y").
CREATE TABLE date_mentions (
  id                INTEGER PRIMARY KEY,
  article_id        INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  ordinal           INTEGER NOT NULL,
  sentence_index    INTEGER NOT NULL,
  sentence_start    INTEGER NOT NULL,
  sentence_end      INTEGER NOT NULL,
  start             INTEGER NOT NULL,
  end               INTEGER NOT NULL,
  text              TEXT NOT NULL,
  kind              TEXT NOT NULL CHECK (kind IN ('date', 'duration')),
  value             TEXT,
  value_end         TEXT,
  grain             TEXT NOT NULL CHECK (grain IN ('day', 'month', 'quarter', 'half', 'year')),
  qualifier         TEXT,                         -- 'by' for deadlines
  relative          INTEGER NOT NULL DEFAULT 0 CHECK (relative IN (0, 1)),
  rule              TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  CHECK (start <= end AND sentence_start <= start AND end <= sentence_end),
  UNIQUE (article_id, ordinal)
);
CREATE INDEX date_mentions_value ON date_mentions (value);

-- Full-text search over title and text (external content: the text is stored once, in articles).
-- remove_diacritics 2: "Pekin" finds "Pékin". factledger keeps it in step with articles itself,
-- at the end of each ingest batch, rather than by triggers: in SQLite 3.40 FTS5 flushes its
-- pending index at every statement savepoint a trigger opens, which made ingest several times
-- slower. After changing articles by hand, rebuild it:
--   INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
CREATE VIRTUAL TABLE articles_fts USING fts5 (
  title, text,
  content = 'articles', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);

-- Views for people who write SQL.

CREATE VIEW v_articles AS
SELECT a.id, a.published, s.name AS outlet, a.lang, a.title, a.url,
       (SELECT count(*) FROM amount_mentions m WHERE m.article_id = a.id) AS amounts,
       (SELECT count(*) FROM date_mentions d WHERE d.article_id = a.id) AS dates,
       a.ingested_at, a.updated_at, a.extractor_version, a.origin
FROM articles a LEFT JOIN sources s ON s.id = a.source_id;

CREATE VIEW v_amounts AS
SELECT m.id, a.id AS article_id, a.title, s.name AS outlet, a.published,
       substr(a.text, m.sentence_start + 1, m.sentence_end - m.sentence_start) AS sentence,
       m.readable AS amount, m.value, m.max, m.currency, m.qualifier,
       m.value_minor, m.max_minor, c.exponent,
       m.equivalent_value, m.equivalent_currency, m.equivalent_text,
       m.text AS matched, m.start, m.end, m.rule, m.extractor_version, a.url
FROM amount_mentions m
JOIN articles a ON a.id = m.article_id
LEFT JOIN sources s ON s.id = a.source_id
LEFT JOIN currencies c ON c.code = m.currency;

CREATE VIEW v_dates AS
SELECT d.id, a.id AS article_id, a.title, s.name AS outlet, a.published,
       substr(a.text, d.sentence_start + 1, d.sentence_end - d.sentence_start) AS sentence,
       d.text AS matched, d.kind, d.value, d.value_end, d.grain, d.qualifier, d.relative,
       d.start, d.end, d.rule, d.extractor_version, a.url
FROM date_mentions d
JOIN articles a ON a.id = d.article_id
LEFT JOIN sources s ON s.id = a.source_id;

CREATE VIEW v_runs AS
SELECT r.id, r.started_at, r.finished_at, r.status,
       CAST(round((julianday(coalesce(r.finished_at, r.started_at)) - julianday(r.started_at))
                  * 86400, 1) AS TEXT) AS seconds,
       r.files_seen AS files, r.articles_seen AS articles, r.articles_new AS new,
       r.articles_unchanged AS unchanged, r.articles_updated AS updated,
       r.articles_failed AS failed, r.amounts_added + r.dates_added AS mentions_added,
       r.amounts_added, r.dates_added, r.warnings, r.errors, r.extractor_version, r.inputs
FROM ingest_runs r;
