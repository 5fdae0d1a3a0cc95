#!/usr/bin/env bash
# End-to-end: two ingests at once into one ledger, with queries running meanwhile; both succeed
# and the ledger holds exactly what one ingest of everything would.
# Usage: e2e_ingest_concurrent.sh BIN ROOT
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/e2e-lib.bash"
gen() { # gen COUNT PREFIX: JSON Lines articles with certain amounts and dates
    awk -v n="$1" -v p="$2" 'BEGIN {
        for (i = 1; i <= n; i++) {
            if (i % 2) {
                text = sprintf("Le gouvernement a débloqué près de %d,%d milliards de dollars pour la filière %s-%d en avril dernier. Le projet doit créer %d emplois d’ici 2030.", i % 90 + 1, i % 10, p, i, i % 700 + 10)
                lang = "fr"
            } else {
                text = sprintf("The ministry awarded a $%d.%d billion grant to plant %s-%d on Tuesday. The fund was set up in March 2024.", i % 90 + 1, i % 10, p, i)
                lang = "en"
            }
            printf "{\"id\":\"%s-%d\",\"url\":\"https://example.org/%s/%d\",\"title\":\"Article %s %d\",\"published\":\"2025-%02d-%02d\",\"lang\":\"%s\",\"source\":\"Wire %d\",\"text\":\"%s\"}\n", p, i, p, i, p, i, i % 12 + 1, i % 28 + 1, lang, i % 7, text
        }
    }'
}
q() { query_rows "$1" "$2"; }

gen 4000 a >"$tmp/a.jsonl"
gen 4000 b >"$tmp/b.jsonl"
gen 3000 shared >"$tmp/shared.jsonl"
db="$tmp/ledger.db"

# Two writers on overlapping inputs, small batches so that their transactions interleave.
"$bin" ingest --db "$db" --json "$tmp/a.jsonl" "$tmp/shared.jsonl" >"$tmp/run1" 2>"$tmp/err1" &
p1=$!
"$bin" ingest --db "$db" --json "$tmp/b.jsonl" "$tmp/shared.jsonl" >"$tmp/run2" 2>"$tmp/err2" &
p2=$!
# Readers while they write: every query must succeed.
queries=0
query_failures=0
while kill -0 "$p1" 2>/dev/null || kill -0 "$p2" 2>/dev/null; do
    if [ -e "$db" ]; then
        if "$bin" query --db "$db" --format csv "SELECT count(*) FROM v_amounts" >/dev/null 2>>"$tmp/qerr"; then
            queries=$((queries + 1))
        else
            query_failures=$((query_failures + 1))
        fi
    fi
done
set +e
wait "$p1"; rc1=$?
wait "$p2"; rc2=$?
set -e
check "first ingest exit code" 0 "$rc1"
check "second ingest exit code" 0 "$rc2"
check "first ingest stderr" "" "$(cat "$tmp/err1")"
check "second ingest stderr" "" "$(cat "$tmp/err2")"
check "queries during the ingests failed" 0 "$query_failures"
echo "info: $queries queries ran during the ingests"
[ -s "$tmp/qerr" ] && cat "$tmp/qerr"

check "articles" 11000 "$(q "$db" 'SELECT count(*) FROM articles')"
check "each shared article once" 3000 "$(q "$db" "SELECT count(DISTINCT key) FROM articles WHERE key LIKE 'url:https://example.org/shared/%'")"
# Each run saw 7000 articles; together they inserted each article exactly once.
check "runs saw their inputs" '7000|7000' "$(q "$db" 'SELECT articles FROM v_runs ORDER BY id' | paste -sd'|')"
check "new across runs" 11000 "$(q "$db" 'SELECT sum(new) FROM v_runs')"
check "new + unchanged per run" '7000|7000' "$(q "$db" 'SELECT new + unchanged FROM v_runs ORDER BY id' | paste -sd'|')"
check "runs ok" 'ok|ok' "$(q "$db" 'SELECT status FROM v_runs ORDER BY id' | paste -sd'|')"
check "integrity" ok "$(q "$db" 'PRAGMA integrity_check')"
check "foreign keys" "" "$(q "$db" 'PRAGMA foreign_key_check')"

# Same content as a single clean ingest.
clean="$tmp/clean.db"
"$bin" ingest --db "$clean" --quiet "$tmp/a.jsonl" "$tmp/b.jsonl" "$tmp/shared.jsonl"
for sql in "SELECT count(*), sum(length(text)) FROM articles" \
           "SELECT count(*), sum(value_minor) FROM amount_mentions" \
           "SELECT count(*) FROM date_mentions" \
           "SELECT count(*) FROM sources"; do
    check "same as a clean ingest: $sql" "$(q "$clean" "$sql")" "$(q "$db" "$sql")"
done
check "mentions counted by the runs" "$(q "$db" 'SELECT (SELECT count(*) FROM amount_mentions) + (SELECT count(*) FROM date_mentions)')" "$(q "$db" 'SELECT sum(mentions_added) FROM v_runs')"
check "facts counted by the runs" "$(q "$db" 'SELECT count(*) FROM facts')" "$(q "$db" 'SELECT sum(facts_added) FROM v_runs')"
check "same facts as a clean ingest" "$(q "$clean" 'SELECT count(*) FROM facts')" "$(q "$db" 'SELECT count(*) FROM facts')"
exit $fail
