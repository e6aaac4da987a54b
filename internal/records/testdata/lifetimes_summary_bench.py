"""Times lifetimes' summary of the log BenchmarkReadLog1M reads, for
docs/benchmarks.md's side-by-side figure. Not part of clvlab: run by hand,
with lifetimes and autograd from source and Debian's numpy, scipy, pandas:

    CLVLAB_WRITE_BENCHLOG=DIR go test ./internal/records -run WriteBenchLog
    PYTHONPATH=LIFETIMES_SRC:AUTOGRAD_SRC /usr/bin/python3 \\
        internal/records/testdata/lifetimes_summary_bench.py DIR/log-1000000.csv

Reads the CSV as a user would (pandas.read_csv, dates parsed), then
summarises it as the benchmark does: calibration to 2020-12-31, holdout to
2021-12-31, in days (merging purchases by day, as clvlab does; lifetimes'
freq="W" would merge by week) and, for the plain summary, up to the log's
end. Prints the wall and CPU seconds of each step and the customers and
repeat purchases found.
"""
import sys
import time

import pandas as pd
import lifetimes.utils as lu


def timed(name, f):
    w, c = time.perf_counter(), time.process_time()
    out = f()
    print(f"{name}\twall {time.perf_counter() - w:.3f} s\tcpu {time.process_time() - c:.3f} s", flush=True)
    return out


def main(path):
    for run in range(3):
        log = timed("read_csv", lambda: pd.read_csv(path, parse_dates=["date"]))
        s = timed("summary_data_from_transaction_data (to the log's end)", lambda: lu.summary_data_from_transaction_data(
            log, "customer", "date", monetary_value_col="amount", freq="D"))
        h = timed("calibration_and_holdout_data (2020-12-31, 2021-12-31)", lambda: lu.calibration_and_holdout_data(
            log, "customer", "date", calibration_period_end="2020-12-31", observation_period_end="2021-12-31",
            monetary_value_col="amount", freq="D"))
        print(f"run {run}: {len(s)} customers, {int(s['frequency'].sum())} repeat purchases; "
              f"calibration {len(h)} customers, {int(h['frequency_cal'].sum())} repeat purchases", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
