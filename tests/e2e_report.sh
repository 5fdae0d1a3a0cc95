#!/usr/bin/env bash
# End-to-end: ingest the sample articles, then `factledger report`. Usage: e2e_report.sh BIN ROOT
set -euo pipefail
bin=$1
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/e2e-lib.bash"

db=$tmp/ledger.db
"$bin" ingest --quiet --db "$db" "$root/fixtures/articles"
q() { query_rows "$db" "$1"; }

# July 2025 report to a file.
"$bin" report --db "$db" --month 2025-07 --out "$tmp/july.md"
report=$tmp/july.md
check "report title" "# State support for industry — July 2025" "$(head -1 "$report")"
facts=$(q "SELECT count(*) FROM v_facts WHERE published BETWEEN '2025-07-01' AND '2025-07-31'")
articles=$(q "SELECT count(*) FROM articles WHERE published BETWEEN '2025-07-01' AND '2025-07-31'")
[ "$facts" -gt 0 ] || { echo "FAIL: no facts in July"; fail=1; }
contains "glance counts articles and facts" "$report" "- $articles articles from "
contains "glance counts facts" "$report" "of which $facts read as state support."
firm=$(q "SELECT count(*) FROM v_facts WHERE published BETWEEN '2025-07-01' AND '2025-07-31' AND hedged = 0 AND status <> 'cancelled'")
hedged=$(q "SELECT count(*) FROM v_facts WHERE published BETWEEN '2025-07-01' AND '2025-07-31' AND hedged = 1 AND status <> 'cancelled'")
cancelled=$(q "SELECT count(*) FROM v_facts WHERE published BETWEEN '2025-07-01' AND '2025-07-31' AND status = 'cancelled'")
contains "firm/hedged/cancelled split" "$report" "- $firm firm facts, $hedged hedged (conditional, reported or attributed), $cancelled cancellations or clawbacks."
# The DOE's cancelled loan guarantee (fixture of 2025-07-24) is listed under cancellations.
sed -n '/^## Cancellations and clawbacks/,/^## Method/p' "$report" >"$tmp/cancel.md"
contains "Grain Belt cancellation listed" "$tmp/cancel.md" "Grain Belt Express"
contains "cancelled amount shown" "$tmp/cancel.md" "4.9 bn USD"
# Qualifiers read as words: "at least 2 bn EUR", never the stored code "atleast".
check "qualifier codes not shown" "" "$(grep -oE '\| (approx|upto|atleast|atmost) [0-9]' "$report" || true)"
approx=$(q "SELECT count(*) FROM v_facts WHERE published BETWEEN '2025-07-01' AND '2025-07-31' AND qualifier = 'approx' AND hedged = 0 AND status <> 'cancelled'")
if [ "$approx" -gt 0 ]; then
    contains "approximate amounts read 'about'" "$report" "| about "
fi
# Every fact id in the report exists in the ledger with that month.
for id in $(grep -oE '\| [0-9]+ \|$' "$report" | grep -oE '[0-9]+'); do
    check "fact $id is a July fact" "2025-07" "$(q "SELECT substr(published, 1, 7) FROM v_facts WHERE id = $id")"
done
# USD firm committed total equals the exact sum over the ledger.
usd_total=$(q "SELECT count(*) FROM v_facts WHERE published BETWEEN '2025-07-01' AND '2025-07-31' AND hedged = 0 AND status <> 'cancelled' AND amount_kind = 'committed' AND currency = 'USD'")
if [ "$usd_total" -gt 0 ]; then
    contains "USD total row" "$report" "| USD | $usd_total |"
fi

# Default month: the latest with articles (August 2025), to stdout.
check "default month is the latest" "# State support for industry — August 2025" "$("$bin" report --db "$db" | head -1)"
# A month without articles.
"$bin" report --db "$db" --month 2024-01 >"$tmp/empty.md"
contains "empty month" "$tmp/empty.md" "No support facts were found in this period."

# Bad month: usage error, exit 2.
set +e
"$bin" report --db "$db" --month 2025-13 >/dev/null 2>"$tmp/err"; rc=$?
set -e
check "bad month exit code" 2 "$rc"
check "bad month message" 'factledger: error: invalid month "2025-13" (expected YYYY-MM)' "$(cat "$tmp/err")"
# Unwritable destination: error, nothing half-written, the previous report untouched.
set +e
"$bin" report --db "$db" --month 2025-07 --out "$tmp/no/such/dir/r.md" 2>"$tmp/err"; rc=$?
set -e
check "unwritable report exit code" 1 "$rc"
[ ! -e "$tmp/no" ] || { echo "FAIL: a partial report was left"; fail=1; }
before=$(md5sum <"$report")
"$bin" report --db "$db" --month 2025-07 --out "$report"
check "rewriting a report is idempotent" "$before" "$(md5sum <"$report")"
check "no temporary files left" "" "$(ls -A "$tmp" | grep '\.tmp' || true)"
# The report never writes to the ledger.
check "ledger unchanged by reports" "ok" "$(q 'PRAGMA integrity_check')"
exit $fail
