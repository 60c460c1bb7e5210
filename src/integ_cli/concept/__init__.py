"""The concept itself as a record: the municipality, its council decisions and its editions."""
