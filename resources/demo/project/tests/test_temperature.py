import pytest

from units.core import temperature


def test_freezing_point():
    assert temperature.celsius_to_fahrenheit(0) == 32


def test_round_trip():
    assert temperature.fahrenheit_to_celsius(temperature.celsius_to_fahrenheit(37)) == pytest.approx(37)


def test_kelvin():
    assert temperature.celsius_to_kelvin(0) == pytest.approx(273.15)


def test_below_absolute_zero():
    with pytest.raises(ValueError):
        temperature.celsius_to_kelvin(-300)
