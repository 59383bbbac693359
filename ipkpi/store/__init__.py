"""The store: every figure with its provenance and history, behind one interface
(``base.Store``); SQLite is the embedded engine."""
