"""Ingest yearly statistics files (xlsx, xls, csv) into the store."""
