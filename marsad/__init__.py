"""Marsad: Arabic news to PLOVER event data."""
__version__ = "0.1.0"
