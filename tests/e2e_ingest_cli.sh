#!/usr/bin/env bash
# End-to-end: `factledger ingest`, `query` and `search` as a user and cron run them.
# Usage: e2e_ingest_cli.sh BIN ROOT
set -euo pipefail
bin=$1
root=$2
fx="$root/fixtures/ingest"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/e2e-lib.bash"
run() { # run ARGS... -> sets rc, out, err
    set +e
    "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    set -e
    out=$(cat "$tmp/out")
    err=$(cat "$tmp/err")
}
q() { query_rows "$db" "$1"; }

db="$tmp/ledger.db"

# First ingest: one summary line on stdout, nothing on stderr (not a terminal: no progress line).
run ingest --db "$db" "$fx/good.jsonl"
check "first ingest exit code" 0 "$rc"
check "first ingest stderr" "" "$err"
check "summary is one line" 1 "$(printf '%s\n' "$out" | wc -l)"
case "$out" in
"factledger: ingest run 1 ok ($db): 1 file, 3 articles (3 new, 0 unchanged, 0 updated, 0 failed), "*) echo "ok: summary line" ;;
*) echo "FAIL: summary line: $out"; fail=1 ;;
esac
check "articles stored" 3 "$(q 'SELECT count(*) FROM articles')"
facts=$(q 'SELECT count(*) FROM facts')
check "some facts stored" yes "$([ "$facts" -gt 0 ] && echo yes || echo no)"
check "summary counts what was added" "$(q 'SELECT count(*) FROM amount_mentions') amounts, $(q 'SELECT count(*) FROM date_mentions') dates and $facts facts added" "$(printf '%s' "$out" | grep -o '[0-9]* amounts, [0-9]* dates and [0-9]* facts added')"
check "run row counts the facts" "$facts" "$(q 'SELECT facts_added FROM v_runs WHERE id = 1')"
check "integrity" ok "$(q 'PRAGMA integrity_check')"

# Second ingest of the same input: nothing added, JSON summary.
run ingest --db "$db" --json "$fx/good.jsonl"
check "second ingest exit code" 0 "$rc"
check "second ingest JSON" '3 0 3 0 0 0 0' "$(printf '%s' "$out" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["articles"], j["new"], j["unchanged"], j["updated"], j["amounts_added"], j["dates_added"], j["facts_added"])')"
check "runs recorded" '1,ok,3,0|2,ok,0,3' "$(q 'SELECT id, status, new, unchanged FROM v_runs ORDER BY id' | tr ',\n' ',|' | sed 's/|$//')"

# Bad lines: errors with FILE:LINE on stderr, the rest ingested, exit 1; --quiet keeps only errors.
run ingest --db "$db" --quiet "$fx/bad_lines.jsonl" "$fx/empty.txt"
check "bad lines exit code" 1 "$rc"
check "quiet prints nothing on stdout" "" "$out"
check "bad lines stderr" "factledger: error: $fx/bad_lines.jsonl:2: invalid JSON record
factledger: error: $fx/bad_lines.jsonl:3: JSON record is not an object
factledger: error: $fx/bad_lines.jsonl:4: record has no text field (text, maintext, body or content)
factledger: error: $fx/bad_lines.jsonl:5: invalid published date \"sometime in May\"" "$err"
check "good lines of the bad file stored" 5 "$(q 'SELECT count(*) FROM articles')"
check "errors recorded in the run" 'errors,4,4' "$(q 'SELECT status, errors, failed FROM v_runs WHERE id = 3')"
check "warning for the empty file recorded" "\"warning|$fx/empty.txt|no article text, skipped\"" "$(q "SELECT severity || '|' || origin || '|' || message FROM ingest_errors WHERE run_id = 3 AND severity = 'warning'")"

# Default ledger from $FACTLEDGER_DB; stdin as '-'; --source and --published as defaults.
printf 'Le Japon prévoit 10 000 milliards de yens pour les puces.\n' >"$tmp/stdin.txt"
set +e
FACTLEDGER_DB="$tmp/env.db" "$bin" ingest --quiet --source "Agence Test" --published 2025-04-02 --lang fr - <"$tmp/stdin.txt"
rc=$?
set -e
check "stdin ingest exit code" 0 "$rc"
check "env ledger created" 'Agence Test|2025-04-02|fr|<stdin>' "$(FACTLEDGER_DB="$tmp/env.db" "$bin" query --format csv "SELECT outlet || '|' || published || '|' || lang || '|' || origin FROM v_articles" | tail -n +2 | tr -d '\r')"

# Usage errors exit 2.
run ingest --db "$db"
check "ingest without inputs" 2 "$rc"
run ingest --db "$db" --published 2025-13-45 "$fx/good.jsonl"
check "bad --published" 2 "$rc"
check "bad --published message" 'factledger: error: invalid --published date "2025-13-45" (expected YYYY-MM-DD)' "$err"

# Query: formats, parameters, read-only.
run query --db "$db" --format json --param since=2025-06-01 "SELECT title FROM articles WHERE published >= :since ORDER BY title"
check "query json" '[
  {"title":"Commerce finalizes chip grant"},
  {"title":"Pékin muscle son fonds pour les puces"}
]' "$out"
run query --db "$db" --format jsonl "SELECT count(*) AS n FROM articles"
check "query jsonl" '{"n":5}' "$out"
run query --db "$db" "SELECT id, lang FROM articles WHERE id <= 2 ORDER BY id"
check "query table" 'id  lang
--  ----
1   fr
2   en
(2 rows)' "$out"
before=$(q 'SELECT count(*) FROM articles')
for sql in "DROP TABLE articles" "INSERT INTO sources (name, created_at) VALUES ('x', 'y')" "DELETE FROM articles"; do
    run query --db "$db" "$sql"
    check "refused: $sql (exit code)" 2 "$rc"
    check "refused: $sql (message)" "factledger: error: refused: the query would change the ledger; factledger query is read-only (the ledger was not changed)" "$err"
done
check "nothing changed by refused writes" "$before" "$(q 'SELECT count(*) FROM articles')"
check "sources intact" 0 "$(q "SELECT count(*) FROM sources WHERE name = 'x'")"
run query --db "$db" "SELEC 1"
check "syntax error exit code" 2 "$rc"
check "syntax error message" 'factledger: error: invalid SQL: near "SELEC": syntax error' "$err"
run query --db "$tmp/missing.db" "SELECT 1"
check "missing ledger exit code" 3 "$rc"
check "missing ledger not created" no "$([ -e "$tmp/missing.db" ] && echo yes || echo no)"
echo "this is not a ledger, only text padded to look like a file header.........................." >"$tmp/junk.db"
run ingest --db "$tmp/junk.db" "$fx/good.jsonl"
check "junk ledger exit code" 3 "$rc"
check "junk ledger untouched" "this is not a ledger, only text padded to look like a file header.........................." "$(cat "$tmp/junk.db")"

# Search.
run search --db "$db" "grant"
check "search exit code" 0 "$rc"
check "search first line" "1. Commerce finalizes chip grant — Policy Wire, 2025-06-03 (article 2)" "$(printf '%s\n' "$out" | head -1)"
check "search snippet highlighted" "   The Commerce Department awarded a \$6.6 billion [grant] to the Arizona plant on Tuesday." "$(printf '%s\n' "$out" | sed -n 2p)"
run search --db "$db" "fonderies OR grant" --limit 1
check "search limit" "(1 article)" "$(printf '%s\n' "$out" | tail -1)"
run search --db "$db" '"unbalanced'
check "bad search exit code" 2 "$rc"
check "bad search message" 'factledger: error: invalid search terms ""unbalanced": unterminated string' "$err"

exit $fail
