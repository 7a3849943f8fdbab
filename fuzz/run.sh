#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the fuzz targets built in out/ (make -C fuzz run|replay builds them
# and the seeds first; see Documentation/testing.rst).
#
#   run.sh TARGET...            fuzz each for FUZZ_SECONDS (default 60),
#                               one after the other, under nice; then a
#                               summary: executions, coverage (libFuzzer's
#                               cov: edges and ft: features), corpus size,
#                               crashes. New inputs go to out/corpus/TARGET,
#                               crashes to out/crashes/, logs to out/logs/.
#   run.sh --replay TARGET...   run each once on its corpus (seeds and
#                               corpus/TARGET/, no fuzzing): one line
#                               "ok fuzz/TARGET ..." or "not ok fuzz/TARGET"
#                               each, the failure's log as "# " lines; a
#                               target without seeds runs the empty input
#                               and is a SKIP.
#   run.sh --coverage TARGET... the line coverage of the sources each
#                               target tests, by all it has (seeds,
#                               corpus/TARGET/, out/corpus/TARGET/): the
#                               builds of out/cov/ (make coverage).
#
# Exit status: 0 when no target crashed (or failed a property).
set -u
cd "$(dirname "$0")" || exit 1

replay=0
coverage=0
if [ "${1:-}" = --replay ]; then
	replay=1
	shift
elif [ "${1:-}" = --coverage ]; then
	coverage=1
	shift
fi
[ $# -gt 0 ] || { echo "usage: $0 [--replay] TARGET..." >&2; exit 2; }
secs=${FUZZ_SECONDS:-60}
max_len=${FUZZ_MAX_LEN:-4096}

# inputs TARGET: the files of its corpus in the repository (seeds.py's and
# the inputs kept in corpus/TARGET/).
inputs() {
	find "out/seeds/$1" "corpus/$1" -type f ! -name '.*' 2> /dev/null |
		LC_ALL=C sort
}

failed=0
if [ $coverage = 1 ]; then
	printf '%-16s %-28s %8s %8s\n' target source lines covered
	for t in "$@"; do
		dirs=()
		for d in "out/corpus/$t" "out/seeds/$t" "corpus/$t"; do
			[ -d "$d" ] && dirs+=("$d")
		done
		prof=out/cov/$t
		rm -f "$prof".profraw
		LLVM_PROFILE_FILE=$prof.profraw "out/cov/$t" -runs=0 \
			"${dirs[@]}" > "out/logs/$t.cov.log" 2>&1 ||
			failed=$((failed + 1))
		llvm-profdata merge -o "$prof.profdata" "$prof.profraw" &&
		llvm-cov report "out/cov/$t" -instr-profile="$prof.profdata" \
			2> /dev/null |
		awk -v t="$t" '$1 ~ /^\.\.\/(module|tools)\/.*\.c$/ {
			printf "%-16s %-28s %8s %8s\n", t, substr($1, 4), $8, $10 }'
	done
	[ $failed -eq 0 ]
	exit
fi
if [ $replay = 1 ]; then
	mkdir -p out/logs
	for t in "$@"; do
		mapfile -t files < <(inputs "$t")
		log=out/logs/$t.replay.log
		if [ ${#files[@]} -eq 0 ]; then
			# a new target without seeds yet: the empty input alone
			: > out/empty
			files=(out/empty)
		fi
		if [ "${files[0]}" = out/empty ] &&
		   "out/$t" out/empty > "$log" 2>&1; then
			echo "ok fuzz/$t # SKIP no seeds yet (fuzz/seeds.py)"
		elif "out/$t" "${files[@]}" > "$log" 2>&1; then
			echo "ok fuzz/$t (${#files[@]} inputs replayed)"
		else
			echo "not ok fuzz/$t"
			# the failing input's report: after the last "Running:"
			awk '/^Running:/ { buf = "" } !/^Executed/ { buf = buf $0 "\n" }
				END { printf "%s", buf }' "$log" | head -n 25 |
				sed 's/^/# /'
			failed=$((failed + 1))
		fi
	done
	[ $failed -eq 0 ]
	exit
fi

mkdir -p out/logs out/crashes
rows=()
crashes=()
for t in "$@"; do
	mkdir -p "out/corpus/$t"
	dirs=("out/corpus/$t")
	for d in "out/seeds/$t" "corpus/$t"; do
		[ -d "$d" ] && dirs+=("$d")
	done
	log=out/logs/$t.log
	echo "== fuzz/$t: ${secs}s"
	nice -n 10 "out/$t" -max_total_time="$secs" -max_len="$max_len" \
		-timeout=10 -print_final_stats=1 \
		-artifact_prefix="out/crashes/$t-" "${dirs[@]}" > "$log" 2>&1
	rc=$?
	execs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$log" | tail -n1)
	speed=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+)/\1/p' "$log" | tail -n1)
	last=$(grep -E ' cov: [0-9]+ ft: [0-9]+' "$log" | tail -n1)
	cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<< "$last")
	ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<< "$last")
	corp=$(sed -nE 's/.* corp: ([0-9]+)\/.*/\1/p' <<< "$last")
	if [ $rc -eq 0 ]; then
		result=ok
	else
		result=CRASH
		failed=$((failed + 1))
		grep -E 'ERROR|property failed|runtime error|SUMMARY' "$log" |
			head -n 20 | sed 's/^/   /'
		crashes+=("$(sed -nE 's/.*Test unit written to (.*)/\1/p' "$log")")
	fi
	rows+=("$(printf '%-16s %12s %9s %6s %7s %7s  %s' "$t" "${execs:-?}" \
		"${speed:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$result")")
done

{
	echo "== fuzz summary (${secs}s each; logs in fuzz/out/logs/)"
	printf '%-16s %12s %9s %6s %7s %7s  %s\n' target executions exec/s \
		cov ft corpus result
	printf '%s\n' "${rows[@]}"
	if [ $failed -gt 0 ]; then
		echo "$failed target(s) crashed; their inputs:"
		printf '   fuzz/%s\n' "${crashes[@]}"
		echo "fix the code; keep the input in fuzz/corpus/TARGET/"
	fi
} | tee out/summary.txt
[ $failed -eq 0 ]
