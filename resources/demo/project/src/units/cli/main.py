"""units command line: `units 21.5 c f` prints 70.7."""
import sys

from units.core import temperature

CONVERSIONS = {
    ("c", "f"): temperature.celsius_to_fahrenheit,
    ("f", "c"): temperature.fahrenheit_to_celsius,
    ("c", "k"): temperature.celsius_to_kelvin,
}


def format_result(value):
    """Round for display."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 3:
        print("usage: units VALUE FROM TO", file=sys.stderr)
        return 2
    value, src, dst = float(argv[0]), argv[1].lower(), argv[2].lower()
    convert = CONVERSIONS.get((src, dst))
    if convert is None:
        print(f"cannot convert {src} to {dst}", file=sys.stderr)
        return 2
    print(format_result(convert(value)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
