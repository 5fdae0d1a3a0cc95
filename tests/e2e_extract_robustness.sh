#!/usr/bin/env bash
# End-to-end: `factledger extract` on bad and huge inputs. Usage: e2e_extract_robustness.sh BIN ROOT
set -euo pipefail
bin=$1
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/e2e-lib.bash"

# A binary file among good ones: reported by name, the others still processed, exit 1.
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0' >"$tmp/image.png"
printf 'Le fonds est dot\xc3\xa9 de 500 millions d'"'"'euros.\n' >"$tmp/good.txt"
: >"$tmp/empty.txt"
set +e
"$bin" extract --lang fr "$tmp/good.txt" "$tmp/image.png" "$tmp/empty.txt" >"$tmp/out" 2>"$tmp/err"
rc=$?
set -e
check "binary file exit code" 1 "$rc"
check "binary file message" "factledger: error: $tmp/image.png: binary file (NUL or control bytes), skipped" "$(cat "$tmp/err")"
check "articles printed for the good and the empty file" 2 "$(wc -l <"$tmp/out")"
check "good file amount" '500000000 EUR' "$(head -1 "$tmp/out" | python3 -c 'import json,sys; a=json.load(sys.stdin)["amounts"]; print(a[0]["value"], a[0]["currency"]) if len(a)==1 else print(a)')"
check "empty file has no amounts" '[]' "$(tail -1 "$tmp/out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["amounts"])')"

# Invalid UTF-8: replaced, a warning names the file and the byte, exit 0.
printf 'Une aide de 2 millions d'"'"'euros \xe0 la r\xe9gion.\n' >"$tmp/latin1.txt"
set +e
"$bin" extract --lang fr "$tmp/latin1.txt" >"$tmp/out" 2>"$tmp/err"
rc=$?
set -e
check "invalid UTF-8 exit code" 0 "$rc"
check "invalid UTF-8 warning" "factledger: warning: $tmp/latin1.txt: invalid UTF-8 at byte 31 (2 bytes replaced)" "$(cat "$tmp/err")"
check "invalid UTF-8 amount still found" '2000000 EUR' "$(python3 -c 'import json,sys; a=json.load(sys.stdin)["amounts"]; print(a[0]["value"], a[0]["currency"]) if len(a)==1 else print(a)' <"$tmp/out")"

# Missing file and usage errors.
set +e
"$bin" extract "$tmp/missing.txt" >/dev/null 2>"$tmp/err"; rc=$?
set -e
check "missing file exit code" 1 "$rc"
check "missing file message" "factledger: error: $tmp/missing.txt: cannot open: No such file or directory" "$(cat "$tmp/err")"
set +e
"$bin" extract --published 16/07/2025 "$tmp/good.txt" >/dev/null 2>"$tmp/err"; rc=$?
set -e
check "bad --published exit code" 2 "$rc"
check "bad --published message" 'factledger: error: invalid --published date "16/07/2025" (expected YYYY-MM-DD)' "$(cat "$tmp/err")"
set +e
"$bin" extract --format xml "$tmp/good.txt" >/dev/null 2>&1; rc=$?
set -e
check "bad --format exit code" 2 "$rc"

# A 50 MB single-line file: news text with 20,000 planted amounts, then long runs of digits,
# separators and currency signs. It must finish, find exactly the planted amounts, and keep
# memory bounded.
python3 - "$tmp/huge.txt" <<'PY'
import sys
filler = ("Le ministere a precise que les discussions avec les industriels se poursuivent "
          "et que le calendrier des travaux reste inchange selon les responsables du projet ")
planted = "une aide de 8,5 milliards de dollars "
with open(sys.argv[1], "w") as f:
    n = 0
    size = 0
    while size < 44_000_000:
        chunk = filler * 14 + planted
        f.write(chunk)
        size += len(chunk)
        n += 1
    f.write("1" * 2_000_000 + " ")
    f.write("1 000 " * 300_000)
    f.write("$ " * 500_000 + "€" * 300_000 + " ")
    f.write("9" * 1_000_000)
print(n, file=sys.stderr)
PY
size=$(stat -c %s "$tmp/huge.txt")
planted=$(( $(grep -o 'milliards de dollars' "$tmp/huge.txt" | wc -l) ))
set +e
/usr/bin/time -f '%M' -o "$tmp/rss" timeout 600 "$bin" extract --lang fr "$tmp/huge.txt" >"$tmp/out" 2>"$tmp/err"
rc=$?
set -e
check "50 MB single line exit code" 0 "$rc"
found=$(python3 -c 'import json,sys; a=json.load(sys.stdin)["amounts"]; print(sum(1 for m in a if m["value"]==8500000000 and m["currency"]=="USD"))' <"$tmp/out")
check "50 MB single line: every planted amount found" "$planted" "$found"
others=$(python3 -c 'import json,sys; a=json.load(sys.stdin)["amounts"]; print(sum(1 for m in a if not (m["value"]==8500000000 and m["currency"]=="USD")))' <"$tmp/out")
check "50 MB single line: nothing else is an amount" 0 "$others"
rss_kb=$(cat "$tmp/rss")
if [ -n "${FACTLEDGER_SANITIZED:-}" ]; then
    echo "notice: sanitizer build, peak memory (${rss_kb} kB) not checked"
    exit $fail
fi
# Bounded: a small multiple of the input (sanitizer builds need more headroom).
limit_kb=$(( size / 1024 * 12 ))
if [ "$rss_kb" -gt "$limit_kb" ]; then
    echo "FAIL: peak memory ${rss_kb} kB exceeds ${limit_kb} kB for a ${size}-byte input"
    fail=1
else
    echo "ok: peak memory ${rss_kb} kB for a ${size}-byte input"
fi
exit $fail
