-- factledger ledger, schema version 2: support facts assembled from amount mentions (issue 5).
-- One fact per amount mention that the rules read as state support: who gives how much to whom,
-- by which instrument, for what, how sure. Provenance: the amount mention (hence article,
-- offsets), the sentence, the rule and the extractor version. Parties keep their code-point
-- offsets so that substr(articles.text, start + 1, end - start) gives them back.

CREATE TABLE facts (
  id                INTEGER PRIMARY KEY,
  article_id        INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  amount_id         INTEGER NOT NULL UNIQUE REFERENCES amount_mentions (id) ON DELETE CASCADE,
  sentence_start    INTEGER NOT NULL, -- code points
  sentence_end      INTEGER NOT NULL,
  funder            TEXT,
  funder_start      INTEGER,
  funder_end        INTEGER,
  recipient         TEXT,
  recipient_start   INTEGER,
  recipient_end     INTEGER,
  instrument        TEXT CHECK (instrument IN ('grant', 'loan', 'equity', 'fund', 'tax',
                                               'guarantee', 'procurement', 'other')),
  sector            TEXT,
  country           TEXT,
  date              TEXT,                 -- ISO 8601 at the grain found
  date_source       TEXT CHECK (date_source IN ('text', 'published')),
  status            TEXT NOT NULL
                    CHECK (status IN ('announced', 'preliminary', 'awarded', 'disbursed',
                                      'cancelled')),
  hedged            INTEGER NOT NULL CHECK (hedged IN (0, 1)),
  attributed_to     TEXT,
  amount_kind       TEXT NOT NULL
                    CHECK (amount_kind IN ('committed', 'registered_capital', 'target',
                                           'cumulative', 'annual')),
  period_start      TEXT,
  period_end        TEXT,
  confidence        REAL NOT NULL,        -- a score, not money
  rule              TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  -- Review: 'auto' as extracted; later 'verified', 'rejected' or 'edited' by a person.
  review_state      TEXT NOT NULL DEFAULT 'auto'
                    CHECK (review_state IN ('auto', 'verified', 'rejected', 'edited')),
  reviewed_at       TEXT,
  review_note       TEXT
);
CREATE INDEX facts_article ON facts (article_id);
CREATE INDEX facts_date ON facts (date);

CREATE VIEW v_facts AS
SELECT f.id, a.id AS article_id, a.published, s.name AS outlet, a.title,
       coalesce(f.date, a.published) AS date, f.date_source,
       f.funder, f.recipient, m.readable AS amount, m.value, m.max, m.currency, m.qualifier,
       m.value_minor, m.equivalent_value, m.equivalent_currency,
       f.instrument, f.sector, f.country, f.status, f.hedged, f.attributed_to, f.amount_kind,
       f.period_start, f.period_end, f.confidence, f.review_state,
       substr(a.text, f.sentence_start + 1, f.sentence_end - f.sentence_start) AS sentence,
       m.text AS matched, m.start, m.end, f.rule, f.extractor_version, a.url
FROM facts f
JOIN amount_mentions m ON m.id = f.amount_id
JOIN articles a ON a.id = f.article_id
LEFT JOIN sources s ON s.id = a.source_id;
