"""The shared store: one PostgreSQL database (or a compatible one: openGauss, KingbaseES)
for a whole province, through psycopg 3.

The same tables, columns and indexes as the SQLite store (``ipkpi.store.schema``, in
PostgreSQL's types), the same reads and writes (``ipkpi.store.sqlbase``); what differs is
how a write keeps its turn (an advisory lock, not a file lock), how values go in (COPY),
and who may do what (``access``: a reader and a writer role, and writers kept to their own
place by row-level security).
"""
