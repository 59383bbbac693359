"""The catalogue of plans: targets, tasks and reward rules as data, each traced to a quote
of its source document, read from TOML and checked."""
