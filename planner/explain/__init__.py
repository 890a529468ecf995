"""Re-solves that explain a plan: what it would take, frontier, sensitivity, robustness."""
