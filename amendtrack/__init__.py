"""amendtrack: track how legal acts that set civil-service qualification requirements change."""

__version__ = "0.1.0"
