from units.cli import main


def test_cli_converts(capsys):
    assert main.main(["100", "c", "f"]) == 0
    assert capsys.readouterr().out.strip() == "212"


def test_cli_refuses_unknown_units(capsys):
    assert main.main(["1", "x", "y"]) == 2
