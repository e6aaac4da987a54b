#!/usr/bin/env bash
# side-by-side.sh LIFETIMES AUTOGRAD: clvlab's fit benchmarks and lifetimes
# on the same data, in one run, and the table of docs/benchmarks.md.
#
# LIFETIMES and AUTOGRAD are source checkouts of the public repositories
# CamDavidsonPilon/lifetimes and HIPS/autograd, which lifetimes.py runs
# from source; Python needs numpy, scipy, pandas and dill (Debian:
# python3-numpy python3-scipy python3-pandas python3-dill). This script
# fetches and installs nothing. PYTHON picks the interpreter (python3),
# COUNT the Go benchmarks' -count (5) and REPEAT lifetimes' runs (5; a run
# over 5 s is not repeated). The data and both outputs stay in a temporary
# folder, named at the end.
set -euo pipefail
if [ $# -ne 2 ]; then
	echo "usage: $0 LIFETIMES AUTOGRAD (source checkouts of lifetimes and autograd)" >&2
	exit 2
fi
lifetimes=$(cd "$1" && pwd)
autograd=$(cd "$2" && pwd)
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
echo "data and outputs in $out"
export CLVLAB_WRITE_SIMULATED="$out"
go test ./internal/fit -count 1 -run '^(TestWriteSimulated|TestWriteSimulatedLog)$'
go test ./internal/fit -run '^$' -benchmem -count "${COUNT:-5}" \
	-bench '^(BenchmarkFitBGNBD|BenchmarkFitParetoNBD|BenchmarkFitGammaGamma|BenchmarkFitBGBB|BenchmarkFitBGBBSimulated|BenchmarkFitSBG|BenchmarkSideBySideSummarise)$' \
	| tee "$out/go.txt"
"${PYTHON:-python3}" docs/bench/lifetimes.py "$lifetimes" "$autograd" "$out" --go "$out/go.txt" \
	--repeat "${REPEAT:-5}" | tee "$out/table.md"
echo "data and outputs in $out"
