"""A coverage-guided fuzz harness for the importer (atheris + libFuzzer).

`make fuzz SECONDS=1800` mutates the sample city, the blank template and the test suite's
messy and hostile files and feeds every mutant to `planner.service.load_files`, the path an
upload takes. The planner's own errors (`PlannerError` and its kinds) are expected answers;
any other exception is a crash, saved to `fuzz/crashes/` with its traceback. Fixed crashes
are kept under `tests/fuzz/inputs/`, which the test suite replays.
"""
