#!/usr/bin/env bash
# End-to-end: kill -9 an ingest at several moments; each time the ledger passes
# PRAGMA integrity_check, and the next run completes the work so that the ledger ends up exactly
# like one clean run's. Usage: e2e_ingest_kill.sh BIN ROOT
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/e2e-lib.bash"
q() { query_rows "$1" "$2"; }
total=12000
awk -v n="$total" 'BEGIN {
    for (i = 1; i <= n; i++) {
        if (i % 2) {
            text = sprintf("Le gouvernement a débloqué près de %d,%d milliards de dollars pour le site numéro %d en avril dernier. Le projet doit créer %d emplois d’ici 2030. Bruxelles a autorisé %d millions d’euros d’aides.", i % 90 + 1, i % 10, i, i % 700 + 10, i % 500 + 1)
            lang = "fr"
        } else {
            text = sprintf("The ministry awarded a $%d.%d billion grant to plant %d on Tuesday. The fund was set up in March 2024 with €%d million.", i % 90 + 1, i % 10, i, i % 400 + 1)
            lang = "en"
        }
        url = (i % 3) ? sprintf("\"url\":\"https://example.org/k/%d\",", i) : ""
        printf "{%s\"title\":\"Article %d\",\"published\":\"2025-%02d-%02d\",\"lang\":\"%s\",\"source\":\"Wire %d\",\"text\":\"%s\"}\n", url, i, i % 12 + 1, i % 28 + 1, lang, i % 5, text
    }
}' >"$tmp/big.jsonl"

clean="$tmp/clean.db"
"$bin" ingest --db "$clean" --quiet "$tmp/big.jsonl"
check "clean run stored everything" "$total" "$(q "$clean" 'SELECT count(*) FROM articles')"

db="$tmp/killed.db"
kills=0
for round in 1 2 3; do
    before=$([ -e "$db" ] && q "$db" 'SELECT count(*) FROM articles' || echo 0)
    "$bin" ingest --db "$db" --quiet "$tmp/big.jsonl" 2>"$tmp/err.$round" &
    pid=$!
    # Wait until this run has committed something new, then kill it without warning.
    for _ in $(seq 1 400); do
        sleep 0.02
        now=$([ -e "$db" ] && q "$db" 'SELECT count(*) FROM articles' 2>/dev/null || echo 0)
        [ "${now:-0}" -gt "$before" ] && break
    done
    sleep "0.0$round"
    if kill -9 "$pid" 2>/dev/null; then
        kills=$((kills + 1))
    fi
    wait "$pid" 2>/dev/null || true
    stored=$(q "$db" 'SELECT count(*) FROM articles')
    echo "info: round $round killed with $stored of $total articles stored"
    check "round $round: integrity after kill -9" ok "$(q "$db" 'PRAGMA integrity_check')"
    check "round $round: foreign keys after kill -9" "" "$(q "$db" 'PRAGMA foreign_key_check')"
    # Every stored article is complete: the run counters match what is in the ledger.
    check "round $round: committed counters match the ledger" "$stored" "$(q "$db" 'SELECT sum(new) FROM v_runs')"
    check "round $round: committed fact counters match the ledger" "$(q "$db" 'SELECT count(*) FROM facts')" "$(q "$db" 'SELECT sum(facts_added) FROM v_runs')"
done
if [ "$kills" -eq 0 ]; then
    echo "FAIL: every ingest finished before it could be killed; make the input bigger"
    fail=1
fi
check "killed part-way at least once" yes "$([ "$(q "$db" 'SELECT count(*) FROM articles')" -lt "$total" ] && echo yes || echo no)"

# The next run completes the work.
set +e
"$bin" ingest --db "$db" --json "$tmp/big.jsonl" >"$tmp/final.json" 2>"$tmp/final.err"
rc=$?
set -e
check "run after the kills exit code" 0 "$rc"
check "run after the kills stderr" "" "$(cat "$tmp/final.err")"
check "run after the kills saw everything" "$total" "$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(j["new"] + j["unchanged"])' "$tmp/final.json")"
for sql in "SELECT count(*), sum(length(text)), count(DISTINCT key) FROM articles" \
           "SELECT count(*), sum(value_minor), sum(start), sum(sentence_end) FROM amount_mentions" \
           "SELECT count(*), count(value) FROM date_mentions" \
           "SELECT count(*), count(funder), sum(sentence_end) FROM facts" \
           "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'ministry'" \
           "SELECT count(*) FROM sources"; do
    check "same as a clean run: $sql" "$(q "$clean" "$sql")" "$(q "$db" "$sql")"
done
check "killed runs marked interrupted" "$kills" "$(q "$db" "SELECT count(*) FROM ingest_runs WHERE status = 'interrupted'")"
check "last run ok" ok "$(q "$db" 'SELECT status FROM ingest_runs ORDER BY id DESC LIMIT 1')"
check "integrity at the end" ok "$(q "$db" 'PRAGMA integrity_check')"
exit $fail
