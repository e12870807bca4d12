"""Allow ``python -m amendtrack``."""

from amendtrack.cli import cli

if __name__ == "__main__":  # pragma: no cover
    cli(prog_name="amendtrack")
