# Shared by the benchmarks: `bench_setup N RUNS` reads the environment;
# `measure NAME OUTPUT CMD...` runs CMD $RUNS times and sets best_s (fastest
# wall time), rss_mb (peak RSS of that run, from GNU time when installed,
# else n/a) and out_mb (size of OUTPUT). Needs `src`, the source tree.

# bench_setup N RUNS: ART2BOOK (default build/art2book, which must exist), N
# articles and RUNS per tool (defaults given), WORK (default a temporary
# folder, removed on exit).
bench_setup() {
  ART2BOOK=${ART2BOOK:-$src/build/art2book}
  N=${N:-$1}
  RUNS=${RUNS:-$2}
  if [ -z "${WORK:-}" ]; then
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
  fi
  [ -x "$ART2BOOK" ] || { echo "bench: $ART2BOOK not built" >&2; exit 1; }
}

gnu_time=
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then gnu_time=/usr/bin/time; fi

# measure NAME OUTPUT CMD...: run CMD $RUNS times; set best_s (fastest wall
# time), rss_mb (peak RSS of that run) and out_mb (size of OUTPUT).
measure() {
  local name=$1 output=$2 i t0 t1 s rss
  shift 2
  best_s= rss_mb=n/a
  for ((i = 1; i <= RUNS; i++)); do
    rm -f "$output"
    t0=$(date +%s.%N)
    if [ -n "$gnu_time" ]; then
      "$gnu_time" -v -o "$WORK/time.txt" "$@" </dev/null >/dev/null 2>"$WORK/$name.stderr"
    else
      "$@" </dev/null >/dev/null 2>"$WORK/$name.stderr"
    fi
    local rc=$?
    t1=$(date +%s.%N)
    if [ $rc -ne 0 ] || [ ! -s "$output" ]; then
      echo "bench: $name failed (exit $rc):" >&2
      tail -n 5 "$WORK/$name.stderr" >&2
      return 1
    fi
    s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
    rss=n/a
    [ -n "$gnu_time" ] && rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' \
      "$WORK/time.txt")
    if [ -z "$best_s" ] || awk -v a="$s" -v b="$best_s" 'BEGIN { exit !(a < b) }'; then
      best_s=$s rss_mb=$rss
    fi
  done
  out_mb=$(du -k "$output" | awk '{ printf "%.1f", $1 / 1024 }')
}

