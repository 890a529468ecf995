"""`python -m fuzz [--seconds N] [--runs N] [--seed N]`: fuzz the importer.

Crash inputs go to --crashes (default fuzz/crashes/), each beside a .txt traceback; the
corpus libFuzzer grows, the stats and the slowest input go to --work
(default test-artifacts/fuzz/). Exit 0 when no crash was found.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import atheris

HERE = Path(__file__).resolve().parent


def arguments(argv: list[str]) -> argparse.Namespace:
    ask = argparse.ArgumentParser(prog="python -m fuzz", description=__doc__)
    ask.add_argument("--seconds", type=int, default=60, help="stop after this long")
    ask.add_argument("--runs", type=int, default=-1, help="stop after this many inputs")
    ask.add_argument("--seed", type=int, default=0, help="libFuzzer seed (0: random)")
    ask.add_argument("--crashes", type=Path, default=HERE / "crashes")
    ask.add_argument("--work", type=Path, default=HERE.parent / "test-artifacts" / "fuzz")
    ask.add_argument("--keep-going", action="store_true",
                     help="record each crash and go on instead of stopping at the first")
    ask.add_argument("--slow-limit", type=float, default=60.0,
                     help="an input taking longer than this many seconds is a crash")
    return ask.parse_args(argv)


def main(argv: list[str]) -> int:
    args = arguments(argv)
    with atheris.instrument_imports(include=["planner", "openpyxl", "zipfile", "csv"]):
        from fuzz import target
        from fuzz.mutate import mutate
    from fuzz.seeds import write_seeds

    seeds, corpus = args.work / "seeds", args.work / "corpus"
    write_seeds(seeds)
    corpus.mkdir(parents=True, exist_ok=True)
    run = target.Run(args.crashes, args.work / "stats.json", args.keep_going, args.slow_limit)
    target.install_slow_alarm()
    flags = [f"-max_total_time={args.seconds}", f"-runs={args.runs}", f"-seed={args.seed}",
             "-max_len=2000000", "-rss_limit_mb=4096", "-timeout=600", "-print_final_stats=1",
             f"-dict={HERE / 'xlsx.dict'}", f"-artifact_prefix={args.crashes}/",
             str(corpus), str(seeds)]
    args.crashes.mkdir(parents=True, exist_ok=True)
    atheris.Setup([sys.argv[0], *flags], run.one, custom_mutator=mutate)
    atheris.Fuzz()  # libFuzzer ends the process itself when the time or the runs are spent
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
