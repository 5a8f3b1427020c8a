"""``python -m uncut``: the same as the ``uncut`` command."""

from uncut.cli._main import entry_point

entry_point()
