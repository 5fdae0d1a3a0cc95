# Helpers sourced by tests/e2e_*.sh (not a test itself: ctest globs e2e_*.sh). Each check prints
# "ok: ..." or "FAIL: ..."; a failure sets `fail=1`, so a script reports every problem first.
fail=0

check() { # check DESCRIPTION EXPECTED ACTUAL
    if [ "$2" != "$3" ]; then
        echo "FAIL: $1: expected [$2], got [$3]"
        fail=1
    else
        echo "ok: $1"
    fi
}

contains() { # contains DESCRIPTION FILE TEXT
    if grep -qF -- "$3" "$2"; then
        echo "ok: $1"
    else
        echo "FAIL: $1: [$3] not in $2"
        fail=1
    fi
}

query_rows() { # query_rows DB SQL: the result rows as CSV, without the header (needs $bin)
    "$bin" query --db "$1" --format csv "$2" | tail -n +2 | tr -d '\r'
}
