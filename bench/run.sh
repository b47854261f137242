#!/usr/bin/env bash
# fzlint benchmark: one run, same files for every tool.
#
#   bench/run.sh [WORKDIR]          (default WORKDIR: bench/corpus, git-ignored)
#
# Makes a corpus of 20,000 reports (~250 MB, 10% GB18030, in 100 folders) and a 1,000-report
# slice with ../shared/bench/gen_corpus.py, plus one 50 MB single-line file; then times
#   - fzlint (built-in pack, --format json to /dev/null, all cores), wall time and peak RSS;
#   - ripgrep with one regex over the same corpus: the floor (reading the bytes, one regex pass);
#   - AutoCorrect --lint on the slice (npm install autocorrect-node; or set AUTOCORRECT=path);
#   - one report (process start to exit, hyperfine), and the 50 MB file.
# Times are hyperfine means (10 runs; 3 for the slow ones), so that one run of this script
# gives ratios that a busy machine does not swing; peak RSS is one run under /usr/bin/time.
# Prints MB/s and the ratios. Needs: python3, rg, hyperfine, /usr/bin/time (apt-get install
# ripgrep hyperfine time). Timings are measurements, never assertions.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$root/bench/corpus}
gen=${GEN_CORPUS:-$root/../shared/bench/gen_corpus.py}
mkdir -p "$work"

cargo build --release --quiet --manifest-path "$root/Cargo.toml"
fz=$root/target/release/fzlint

if [ ! -d "$work/full" ]; then python3 "$gen" "$root/seeds" "$work/full" 20000 --gbk-share 0.1 --nested; fi
if [ ! -d "$work/slice" ]; then python3 "$gen" "$root/seeds" "$work/slice" 1000 --gbk-share 0.1; fi
if [ ! -f "$work/big/one-line.txt" ]; then
  mkdir -p "$work/big"
  python3 - "$work/big/one-line.txt" <<'PY'
import sys
unit = "共受理行政复议案件224件,办结168件,法定期限内办结率100%。一是加强领导;二是压实责任。调解矛盾纠纷2093件,调解成功2036件,调解成功率97.28%。"
text = "××县2022年度法治政府建设情况报告 " + unit * ((50 << 20) // len(unit.encode()) + 1)
open(sys.argv[1], "w").write(text)
PY
fi

mb() { du -sb "$1" | awk '{printf "%.1f", $1/1e6}'; }
full_mb=$(mb "$work/full"); slice_mb=$(mb "$work/slice"); big_mb=$(mb "$work/big/one-line.txt")

# peak RSS (KB) of one run of a command, output discarded
rss() { /usr/bin/time -f "%M" "$@" >/dev/null 2>"$work/time.err" || true; tail -1 "$work/time.err"; }
# mean wall seconds of RUNS runs (after a warm-up), by hyperfine; exit codes ignored (fzlint
# exits 1 when it finds errors)
mean() {
  local runs=$1; shift
  hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$work/h.json" "$*" >/dev/null 2>&1
  python3 -c "import json;print(json.load(open('$work/h.json'))['results'][0]['mean'])"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB; $(uname -sr)"
echo "corpus: 20000 reports, $full_mb MB; slice: 1000 reports, $slice_mb MB; one file: $big_mb MB"
sync
fz_s=$(mean 10 "$fz check $work/full --format json")
rg_s=$(mean 10 "rg -c (受理|办结|审结|其中|率)[^,。;]*?[0-9]+ $work/full")
fz_kb=$(rss "$fz" check "$work/full" --format json)
fzs_s=$(mean 10 "$fz check $work/slice --format json")
big_s=$(mean 3 "$fz check $work/big/one-line.txt --format json")
big_kb=$(rss "$fz" check "$work/big/one-line.txt" --format json)

ac=${AUTOCORRECT:-$(command -v autocorrect || echo "$root/bench/node_modules/.bin/autocorrect")}
if [ -x "$ac" ]; then
  ac_s=$(mean 3 "$ac --lint $work/slice")
else
  ac_s=""; echo "AutoCorrect not found (cd bench && npm install autocorrect-node, or set AUTOCORRECT)"
fi
one=$(hyperfine -N --warmup 3 --runs 30 --export-json "$work/one.json" "$fz check $root/seeds/000_d55f31c2f4864f7a.txt --format json" >/dev/null 2>&1 && python3 -c "import json;print('%.1f' % (json.load(open('$work/one.json'))['results'][0]['mean']*1000))" || echo "?")

python3 - "$full_mb" "$fz_s" "$fz_kb" "$rg_s" "$slice_mb" "$fzs_s" "${ac_s:-0}" "$big_mb" "$big_s" "$big_kb" "$one" <<'PY'
import sys
full_mb, fz_s, fz_kb, rg_s, slice_mb, fzs_s, ac_s, big_mb, big_s, big_kb, one = sys.argv[1:]
full_mb, fz_s, rg_s, slice_mb, fzs_s, ac_s, big_mb, big_s = map(float, (full_mb, fz_s, rg_s, slice_mb, fzs_s, ac_s, big_mb, big_s))
print(f"{'':28}{'seconds':>10}{'MB/s':>10}")
print(f"{'fzlint, 20000 reports':28}{fz_s:>10.2f}{full_mb/fz_s:>10.1f}   peak RSS {int(fz_kb)/1024:.0f} MB")
print(f"{'ripgrep, 20000 reports':28}{rg_s:>10.2f}{full_mb/rg_s:>10.1f}")
print(f"{'fzlint, 1000 reports':28}{fzs_s:>10.2f}{slice_mb/fzs_s:>10.1f}")
if ac_s > 0:
    print(f"{'AutoCorrect --lint, 1000':28}{ac_s:>10.2f}{slice_mb/ac_s:>10.1f}")
print(f"{'fzlint, one 50 MB line':28}{big_s:>10.2f}{big_mb/big_s:>10.1f}   peak RSS {int(big_kb)/1024:.0f} MB")
print(f"{'fzlint, one report (mean)':28}{one:>10} ms")
print(f"ratio fzlint/ripgrep time: {fz_s/rg_s:.1f}x   (target <= 10x)")
if ac_s > 0:
    print(f"ratio fzlint/AutoCorrect MB/s: {(slice_mb/fzs_s)/(slice_mb/ac_s):.1f}x   (target >= 20x)")
PY
