"""`mentorlog config`: where the user's own settings live and what is in effect."""

from __future__ import annotations

import typer

from mentorlog.cli import context
from mentorlog.cli.options import JSON, JsonFlag

app = typer.Typer(
    no_args_is_help=True,
    epilog="\b\nExamples:\n  mentorlog config path\n  mentorlog config show\n",
)


@app.command("path")
def path() -> None:
    """Print where the config file is (whether or not it exists yet).

    $MENTORLOG_CONFIG chooses another file.

    \b
    Examples:
      mentorlog config path
      $EDITOR "$(mentorlog config path)"
    """
    from mentorlog.user import config as userconfig

    typer.echo(userconfig.path())


@app.command("show")
def show(ctx: typer.Context, as_json: JsonFlag = JSON.default) -> None:
    """Print each setting in effect and where it comes from: a flag, the environment, the
    config file, the journal's mentorlog.toml, or the built-in default.

    \b
    Examples:
      mentorlog config show
      mentorlog config show --json
    """
    from mentorlog.cli import settings

    found = settings.effective(context.state(ctx))
    if as_json:
        context.dump_json({s.name: {"value": s.value, "from": s.source} for s in found})
        return
    width = max(len(s.name) for s in found)
    for setting in found:
        value = setting.value if setting.value is not False else "off"
        typer.echo(f"{setting.name.ljust(width)}  {value}  ({setting.source})")


@app.command("init")
def init() -> None:
    """Create the config file with every setting commented out (private: only you can read it).
    Does nothing to an existing file.

    \b
    Examples:
      mentorlog config init
    """
    from mentorlog.user import config as userconfig

    where = userconfig.path()
    if userconfig.create():
        context.say(f"Created {where}")
    else:
        context.say(f"There already is a config file at {where}; nothing changed")
