"""Times lifetimes' fits of the data internal/fit's benchmarks fit, for
docs/benchmarks.md's side-by-side figures. Not part of clvlab: run by hand,
with lifetimes and autograd from source and Debian's numpy, scipy, pandas:

    PYTHONPATH=LIFETIMES_SRC:AUTOGRAD_SRC /usr/bin/python3 \
        internal/fit/testdata/lifetimes_bench.py internal/fit/testdata/cdnow SIMDIR

SIMDIR holds simulated-100000.csv and simulated-1000000.csv, written by
CLVLAB_WRITE_SIMULATED=SIMDIR go test ./internal/fit -run WriteSimulated.
Each fit is lifetimes' default, as a user would call it. Prints, per fit,
the wall and CPU seconds of each run and the estimates.
"""
import sys
import time

import pandas as pd
import lifetimes as lt


def timed(name, runs, fit):
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        params = fit()
        print(f"{name}\twall {time.perf_counter() - w:.3f} s\tcpu {time.process_time() - c:.3f} s\t{params}", flush=True)


def main(cdnow, sim):
    s = pd.read_csv(f"{cdnow}/cdnow_customers_summary.csv")
    m = pd.read_csv(f"{cdnow}/cdnow_customers_summary_with_transactions.csv")
    m = m[m["x"] > 0]

    def bgnbd(d):
        f = lt.BetaGeoFitter()
        f.fit(d["frequency"], d["recency"], d["T"])
        return dict(f.params_.round(4))

    def pareto(d):
        f = lt.ParetoNBDFitter()
        f.fit(d["frequency"], d["recency"], d["T"])
        return dict(f.params_.round(4))

    def gg(d):
        f = lt.GammaGammaFitter()
        f.fit(d["x"], d["zbar"])
        return dict(f.params_.round(4))

    timed("BG/NBD, CDNOW", 5, lambda: bgnbd(s))
    timed("Pareto/NBD, CDNOW", 3, lambda: pareto(s))
    timed("Gamma-Gamma, CDNOW repeat buyers", 5, lambda: gg(m))
    for n, runs in ((100000, 3), (1000000, 1)):
        d = pd.read_csv(f"{sim}/simulated-{n}.csv")
        timed(f"BG/NBD, {n} customers", runs, lambda: bgnbd(d))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
