"""Tables to a validated Portfolio and the issues table; cross-sheet checks."""
