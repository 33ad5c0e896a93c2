"""The units command line."""
