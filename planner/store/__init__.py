"""The lasting store: workspaces, their input files, saved scenarios and their versions, the
plan of record and the append-only audit trail, on SQLite (default) or PostgreSQL.

`Store` is its service API; `planner.store.replay` records a scenario's choices, sums up a
roadmap for saving and plans a stored scenario again. See docs/store.md.
"""
