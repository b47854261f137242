#!/bin/sh
# Run every fuzz target for a while: ./fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
# Built with -O (release, as `cargo fuzz build -O`); FUZZ_FLAGS=-a builds with debug assertions
# instead (overflow checks; a second, separate build).
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). The seed corpora are
# fuzz/corpus/<target>/ plus, copied in at each run, the seed reports and the built-in rules.
# New inputs found go to fuzz/corpus/<target>/ too (not committed: see .gitignore); crashes
# to fuzz/artifacts/<target>/.
set -eu
cd "$(dirname "$0")"
seconds=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-pipeline rules docx html searcher}
cp ../seeds/*.txt corpus/pipeline/
cp ../rules/*.yaml corpus/rules/
for t in $targets; do
    echo "== $t ($seconds s)"
    cargo +nightly fuzz run ${FUZZ_FLAGS:--O} "$t" "corpus/$t" -- -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=10 \
        -max_len=65536 -print_final_stats=1
done
