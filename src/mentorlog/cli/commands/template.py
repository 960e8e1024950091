"""`mentorlog template`: the built-in editor templates to start your own from, and where
your own live."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import complete, context

app = typer.Typer(
    no_args_is_help=True,
    epilog=(
        "\b\nExamples:\n  mentorlog template list\n"
        '  mentorlog template show question > "$(mentorlog template path question)"\n'
    ),
)

KindArg = Annotated[
    str,
    typer.Argument(
        metavar="KIND",
        help="A kind of call (check-in, question, intro, email, message, thanks) or reflection.",
        autocompletion=complete.template_kinds,
        show_default=False,
    ),
]


@app.command("list")
def list_(ctx: typer.Context) -> None:
    """Each kind of template and the one in effect: your own file, or built-in.

    \b
    Examples:
      mentorlog template list
    """
    from mentorlog.user import templates as usertemplates

    root = context.journal(ctx).root
    width = max(len(kind) for kind in usertemplates.KINDS)
    for kind in usertemplates.KINDS:
        own = usertemplates.find(kind, root)
        typer.echo(f"{kind.ljust(width)}  {own[0] if own else 'built-in'}")


@app.command("show")
def show(kind: KindArg) -> None:
    """Print the built-in template for KIND, with its variables in braces: save it as your own
    template and change it (docs/format.md lists the variables).

    \b
    Examples:
      mentorlog template show check-in
      mkdir -p "$(dirname "$(mentorlog template path question)")"
      mentorlog template show question > "$(mentorlog template path question)"
    """
    from mentorlog.services import reflections, sessions
    from mentorlog.user import templates as usertemplates

    wanted = usertemplates.check_kind(kind)
    text = reflections.starter() if wanted == usertemplates.REFLECTION else sessions.starter(wanted)
    typer.echo(text, nl=False)


@app.command("path")
def path(ctx: typer.Context, kind: KindArg) -> None:
    """Print where your template for KIND is: the one in effect, else where it goes in your
    config folder (whether or not it exists yet). A template in the journal's
    .mentorlog/templates/ comes before the one in your config folder.

    \b
    Examples:
      mentorlog template path check-in
      $EDITOR "$(mentorlog template path check-in)"
    """
    from mentorlog.user import templates as usertemplates

    wanted = usertemplates.check_kind(kind)
    own = usertemplates.find(wanted, context.journal(ctx).root)
    typer.echo(own[0] if own else usertemplates.places(wanted, None)[0])
