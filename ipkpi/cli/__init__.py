"""The command line: a thin typer app over the library; ``app.py`` registers the commands."""
