"""The Framelens version, recorded in every export and evaluation."""

__version__ = "0.4.0"
