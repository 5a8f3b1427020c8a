"""Docs cannot drift: every command has help text and a section in docs/cli.md."""

from __future__ import annotations

import click

from tests.conftest import ROOT
from uncut.cli import cli


def test_every_command_documented() -> None:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert isinstance(cli, click.Group)
    for name, command in cli.commands.items():
        assert command.help and command.help.strip(), f"{name} has no help text"
        assert f"\n## {name}\n" in doc, f"docs/cli.md has no section for {name}"
        for param in command.params:
            if isinstance(param, click.Option):
                assert any(opt in doc for opt in param.opts), f"{name}: {param.opts} undocumented"


def test_readme_states_commands_and_exit_codes() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_screen = readme[:1500]
    assert "make demo" in first_screen and "make test" in first_screen
    assert "**Exit codes:**" in readme
