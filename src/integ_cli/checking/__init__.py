"""Checking records: the schemas, their messages, the cross-record rules, the catalogue pipeline."""
