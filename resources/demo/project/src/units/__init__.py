"""units: small, exact unit conversions."""
