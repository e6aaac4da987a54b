#!/usr/bin/env python3
"""Times lifetimes on the data of clvlab's fit benchmarks, and compares.

Usage:
    lifetimes.py LIFETIMES AUTOGRAD DATA [--go GO_BENCH_OUTPUT] [--repeat N]

LIFETIMES and AUTOGRAD are source checkouts of the public repositories
CamDavidsonPilon/lifetimes and HIPS/autograd (run from source, not
installed); numpy, scipy, pandas and dill come from the system (Debian:
python3-numpy, python3-scipy, python3-pandas, python3-dill). DATA is the
folder that `CLVLAB_WRITE_SIMULATED=DATA go test ./internal/fit -run
'^TestWriteSimulated'` fills (the simulated customers and the transaction
log, the same draws as the Go benchmarks'); the CDNOW and donations files
are read from internal/fit/testdata. With --go, the output of the Go benchmarks
(go test -bench) is read and the table of docs/benchmarks.md is printed:
each task's time in lifetimes and in clvlab, and their ratio.

This script downloads nothing, builds nothing and is not a dependency of
clvlab: it only runs what it is pointed at. docs/bench/side-by-side.sh
runs the whole comparison.
"""

import argparse
import os
import re
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TESTDATA = os.path.join(HERE, "..", "..", "internal", "fit", "testdata")

# Each task: its name in the table, the Go benchmark that does the same work
# on the same data (a regular expression over the benchmark's name, without
# the -GOMAXPROCS suffix), and the lifetimes call.
TASKS = [
    ("BG/NBD, CDNOW (2,357 customers)", r"BenchmarkFitBGNBD/cdnow"),
    ("Pareto/NBD, CDNOW", r"BenchmarkFitParetoNBD"),
    ("Gamma-Gamma, CDNOW repeat buyers (946)", r"BenchmarkFitGammaGamma"),
    ("BG/BB, donations (11,104 donors)", r"BenchmarkFitBGBB"),
    ("BG/NBD, 100,000 simulated customers", r"BenchmarkFitBGNBD/simulated-100000$"),
    ("BG/NBD, 1,000,000 simulated customers", r"BenchmarkFitBGNBD/simulated-1000000$"),
    ("summarising a 1,000,000-row log", r"BenchmarkSideBySideSummarise"),
]


def lifetimes_tasks(data):
    """The lifetimes call of each task, with its data loaded (untimed)."""
    import pandas as pd
    import lifetimes as lt
    from lifetimes.utils import summary_data_from_transaction_data

    cdnow = pd.read_csv(os.path.join(TESTDATA, "cdnow", "cdnow_customers_summary.csv"))
    spend = pd.read_csv(os.path.join(TESTDATA, "cdnow", "cdnow_customers_summary_with_transactions.csv"))
    spend = spend[spend["x"] > 0]
    donations = pd.read_csv(os.path.join(TESTDATA, "donations.csv"))
    sim = {n: pd.read_csv(os.path.join(data, "simulated-%d.csv" % n)) for n in (100000, 1000000)}
    log_path = os.path.join(data, "simulated-log-1000000.csv")

    def bgnbd(s):
        return lambda: lt.BetaGeoFitter().fit(s["frequency"], s["recency"], s["T"]).params_

    return {
        TASKS[0][0]: bgnbd(cdnow),
        TASKS[1][0]: lambda: lt.ParetoNBDFitter().fit(cdnow["frequency"], cdnow["recency"], cdnow["T"]).params_,
        TASKS[2][0]: lambda: lt.GammaGammaFitter().fit(spend["x"], spend["zbar"]).params_,
        TASKS[3][0]: lambda: lt.BetaGeoBetaBinomFitter().fit(
            donations["frequency"], donations["recency"], donations["periods"], donations["weights"]
        ).params_,
        TASKS[4][0]: bgnbd(sim[100000]),
        TASKS[5][0]: bgnbd(sim[1000000]),
        # Read and summarised, as clvlab's ReadLog does (in days).
        TASKS[6][0]: lambda: summary_data_from_transaction_data(
            pd.read_csv(log_path, parse_dates=["date"]), "customer_id", "date", monetary_value_col="amount", freq="D"
        ).shape,
    }


def time_task(fn, repeat):
    """Wall and CPU times in seconds (lists) over up to repeat runs (one
    run when it takes more than 5 s), and the last run's result."""
    walls, cpus = [], []
    out = None
    for _ in range(repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        out = fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        if walls[-1] > 5:
            break
    return walls, cpus, out


def go_times(path):
    """Median wall and CPU seconds per op of each Go benchmark in a go test
    -bench output (CPU from the benchmarks' cpu-ms/op metric, None when a
    benchmark does not report it)."""
    walls, cpus = {}, {}
    for line in open(path):
        m = re.match(r"^(Benchmark\S+?)(-\d+)?\s+\d+\s+([\d.]+) ns/op(.*)", line)
        if not m:
            continue
        walls.setdefault(m.group(1), []).append(float(m.group(3)) / 1e9)
        c = re.search(r"([\d.]+) cpu-ms/op", m.group(4))
        if c:
            cpus.setdefault(m.group(1), []).append(float(c.group(1)) / 1e3)
    return {
        name: (statistics.median(w), statistics.median(cpus[name]) if name in cpus else None)
        for name, w in walls.items()
    }


def seconds(s):
    if s is None:
        return "–"
    if s < 0.01:
        return "%.2f ms" % (s * 1e3)
    if s < 1:
        return "%.0f ms" % (s * 1e3)
    return "%.2f s" % s


def ratio(a, b):
    return "%.0f×" % (a / b) if a and b else "–"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("lifetimes", help="source checkout of lifetimes")
    ap.add_argument("autograd", help="source checkout of autograd")
    ap.add_argument("data", help="folder written by TestWriteSimulated and TestWriteSimulatedLog")
    ap.add_argument("--go", help="output of the Go benchmarks, to compare")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    sys.path[:0] = [os.path.abspath(args.lifetimes), os.path.abspath(args.autograd)]
    import numpy, scipy, pandas, lifetimes  # noqa: E401

    print("lifetimes %s (%s), autograd %s, numpy %s, scipy %s, pandas %s, Python %s" % (
        lifetimes.__version__, args.lifetimes, args.autograd, numpy.__version__,
        scipy.__version__, pandas.__version__, sys.version.split()[0]))
    tasks = lifetimes_tasks(args.data)
    gots = go_times(args.go) if args.go else {}
    print()
    print("| task | lifetimes, wall (median of runs) | lifetimes, CPU | clvlab, wall (median) | clvlab, CPU | ratio, wall / CPU |")
    print("|---|---|---|---|---|---|")
    notes = []
    for name, pattern in TASKS:
        walls, cpus, out = time_task(tasks[name], args.repeat)
        lw, lc = statistics.median(walls), statistics.median(cpus)
        go = [v for k, v in gots.items() if re.fullmatch(pattern, k)]
        gw, gc = go[0] if go else (None, None)
        runs = "%s–%s, %d runs" % (seconds(min(walls)), seconds(max(walls)), len(walls)) if len(walls) > 1 else "1 run"
        print("| %s | %s (%s) | %s | %s | %s | %s / %s |" % (
            name, seconds(lw), runs, seconds(lc),
            seconds(gw) if go else "not measured", seconds(gc), ratio(lw, gw), ratio(lc, gc)))
        notes.append("%s: %s" % (name, " ".join(str(out).split()).replace(" dtype: float64", "")))
    print()
    print("lifetimes' results (its estimates, or the summary's shape):")
    for n in notes:
        print("- " + n)


if __name__ == "__main__":
    main()
