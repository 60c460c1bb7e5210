"""The catalogue's history from git: revisions, and what changed between two states."""
