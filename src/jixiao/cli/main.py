"""The ``jixiao`` command group. Commands live one per module and are imported only when used,
so ``jixiao parse`` starts fast and a command whose module is missing simply isn't listed."""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

import click

from jixiao import __version__
from jixiao.cli import fast_exit
from jixiao.i18n import LANGUAGES, set_language

#: command name -> "module:attribute" under jixiao.cli
COMMANDS: dict[str, str] = {
    "parse": "parse_cmd:parse",
    "check": "check_cmd:check",
    "rules": "rules_cmd:rules",
    "export": "export_cmd:export",
    "import": "import_cmd:import_",
    "db": "db_cmd:db",
    "user": "user_cmd:user",
    "audit": "audit_cmd:audit",
    "serve": "serve_cmd:serve",
    "demo": "demo_cmd:demo",
    "score": "score_cmd:score",
    "batch": "batch_cmd:batch",
    "sql": "sql_cmd:sql",
    "report": "report_cmd:report",
    "year": "year_cmd:year",
}


def _available(name: str) -> bool:
    module = COMMANDS[name].split(":")[0]
    return importlib.util.find_spec(f"jixiao.cli.{module}") is not None


class LazyGroup(click.Group):
    def main(self, args: Any = None, *rest: Any, **extra: Any) -> Any:
        """Click's ``main``; the ``jixiao`` program itself (arguments from ``sys.argv``) leaves without
        freeing its objects when the command asked for it (:mod:`jixiao.cli.fast_exit`)."""
        fast_exit.reset()
        try:
            return super().main(args, *rest, **extra)
        except SystemExit as stop:
            if args is None and fast_exit.is_program():
                fast_exit.leave(stop.code)
            raise

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(n for n in COMMANDS if _available(n))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS or not _available(cmd_name):
            return None
        module, attr = COMMANDS[cmd_name].split(":")
        command: Any = getattr(importlib.import_module(f"jixiao.cli.{module}"), attr)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jixiao")
@click.option("--lang", type=click.Choice(LANGUAGES), envvar="JIXIAO_LANG", default=None,
              help="Language of messages and reports: zh (default) or en. Also JIXIAO_LANG.")
def main(lang: str | None) -> None:
    """jixiao (绩效): parse, review, store, serve and publish budget performance targets.

    Exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage error, 3 input could not be processed.
    """
    set_language(lang)
    click.get_current_context().call_on_close(lambda: set_language(None))  # in-process callers (tests)
