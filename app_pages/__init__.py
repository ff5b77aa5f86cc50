"""One script per dashboard page, plus the shared cached data they read."""
