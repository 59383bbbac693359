"""ipkpi: track intellectual-property plan targets against yearly statistics.

The package is a library first: the catalogue loader, the models and (later) the
engine and the store never print. ``ipkpi.cli.app`` is the thin command-line layer.
"""

__version__ = "0.1.0"
