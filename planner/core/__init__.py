"""The domain model, plans and overrides, the issue log, the one schema, the wording."""
