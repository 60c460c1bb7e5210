"""Renderers: turn the core's results (problems, records, reports) into text formats."""
