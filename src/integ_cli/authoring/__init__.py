"""Writing records: round-trip YAML, one-value edits, new records, validated before writing."""
