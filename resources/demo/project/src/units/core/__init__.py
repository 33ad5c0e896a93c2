"""Pure conversion functions (no I/O)."""
