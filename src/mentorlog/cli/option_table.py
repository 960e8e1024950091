"""The options of the commands the fast path answers, declared once as plain data.

The typer commands build their parameters from these specs (cli/options.py) and the fast path
(cli/fastpath.py) parses with them, without importing typer or click; `parse` follows click's
rules so both read a command line the same way. Defaults live here and nowhere else."""

from __future__ import annotations

from mentorlog.domain.records import record

# Read on every start-up, `mentorlog --version` included: typing (and the `re` and `enum` it
# loads) would be a third of that, so only type checkers import it here.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Generic, Literal, TypeVar

    T = TypeVar("T")
else:

    class Generic:
        """Stands in for typing.Generic: an option's type of default matters to type
        checkers only."""

        __slots__ = ()

        def __class_getitem__(cls, _: object) -> type:
            return cls

    T = None

FLAG: Literal["flag"] = "flag"  # takes no value; `off` names set it back to False
VALUE: Literal["value"] = "value"  # takes one value; given twice, the last one counts
REPEATED: Literal["repeated"] = "repeated"  # takes one value each time, collected in a list
if TYPE_CHECKING:
    Kind = Literal["flag", "value", "repeated"]


# A record, not a dataclass: this table is read on the fast path, where importing
# dataclasses (and with it inspect) would cost more than the rest of a warm `due`.
@record
class OptionSpec(Generic[T]):
    """One command-line option: its names, the parameter it fills, and what it means."""

    names: tuple[str, ...]
    keyword: str
    kind: Kind
    default: T
    help: str
    off: tuple[str, ...] = ()  # `--shareable` for `--confidential`
    metavar: str | None = None
    completion: str | None = None  # a function of cli/complete.py
    show_default: bool = True
    required: bool = False


if TYPE_CHECKING:
    # A command's options (Any: each spec has its own type of default).
    Specs = tuple["OptionSpec[Any]", ...]

# --- mentorlog [global options] --------------------------------------------------------------

DIR: OptionSpec[str | None] = OptionSpec(
    ("--dir", "-d"),
    "directory",
    VALUE,
    None,
    "The journal folder. Default: $MENTORLOG_DIR, then the platform data folder.",
    metavar="FOLDER",
    show_default=False,
)
VERSION: OptionSpec[bool] = OptionSpec(("--version",), "version", FLAG, False, "Print the version.")
NO_PAGER: OptionSpec[bool] = OptionSpec(
    ("--no-pager",),
    "no_pager",
    FLAG,
    False,
    "Print long output straight to the terminal, without $MENTORLOG_PAGER, $PAGER or less.",
)
SHOW_COMPLETION: OptionSpec[str | None] = OptionSpec(
    ("--show-completion",),
    "show_completion",
    VALUE,
    None,
    "Print the completion script for this shell: bash, zsh, fish or powershell.",
    metavar="SHELL",
    completion="shells",
    show_default=False,
)
INSTALL_COMPLETION: OptionSpec[str | None] = OptionSpec(
    ("--install-completion",),
    "install_completion",
    VALUE,
    None,
    "Install completion for this shell (bash, zsh, fish or powershell) in its start-up files.",
    metavar="SHELL",
    completion="shells",
    show_default=False,
)
GLOBAL = (DIR, NO_PAGER, VERSION, SHOW_COMPLETION, INSTALL_COMPLETION)

# --- shared ------------------------------------------------------------------------------------

JSON: OptionSpec[bool] = OptionSpec(
    ("--json",), "as_json", FLAG, False, "Print JSON on stdout (see docs/json.md)."
)
AS_OF: OptionSpec[str | None] = OptionSpec(
    ("--as-of",),
    "as_of",
    VALUE,
    None,
    "Answer as if today were this date (e.g. 2026-12-01, 'next friday').",
    metavar="DATE",
)
DATE: OptionSpec[str | None] = OptionSpec(
    ("--date",),
    "date",
    VALUE,
    None,
    "The date (default today): 2026-11-02, yesterday, 'last friday', 'Nov 20'.",
    metavar="DATE",
)

MENTOR_FILTER: OptionSpec[str | None] = OptionSpec(
    ("--mentor", "-m"),
    "mentor",
    VALUE,
    None,
    "Only this mentor.",
    metavar="MENTOR",
    completion="mentors",
)
YES: OptionSpec[bool] = OptionSpec(
    ("--yes", "-y"), "yes", FLAG, False, "Do not ask for confirmation."
)

# --- mentorlog due -------------------------------------------------------------------------------

DUE_WITHIN: OptionSpec[str | None] = OptionSpec(
    ("--within", "-w"),
    "within",
    VALUE,
    None,
    "Also list who is due this far ahead, e.g. 10d or 2w (default from mentorlog.toml, 7d).",
    metavar="PERIOD",
)
DUE_ALL: OptionSpec[bool] = OptionSpec(
    ("--all", "-a"), "show_all", FLAG, False, "List every active mentor, due or not."
)
DUE_QUIET: OptionSpec[bool] = OptionSpec(
    ("--quiet", "-q"),
    "quiet",
    FLAG,
    False,
    "Print nothing; exit 0 if something needs you, 1 if nothing does.",
)
DUE = (DUE_WITHIN, DUE_ALL, AS_OF, DUE_QUIET, JSON)

# --- mentorlog path ------------------------------------------------------------------------------

PATH: Specs = ()

# --- mentorlog session new -----------------------------------------------------------------------

SESSION_MENTOR: OptionSpec[str | None] = OptionSpec(
    ("--mentor", "-m"),
    "mentor",
    VALUE,
    None,
    "Who it was with: id, prefix, name or first name.",
    metavar="MENTOR",
    completion="mentors",
    show_default=False,
    required=True,
)
SESSION_KIND: OptionSpec[str] = OptionSpec(
    ("--kind", "-k"),
    "kind",
    VALUE,
    "check-in",
    "check-in (progress), question (a specific question), intro (first call), "
    "email, message or thanks.",
    metavar="KIND",
    completion="kinds",
)
SESSION_TOPIC: OptionSpec[str | None] = OptionSpec(
    ("--topic", "-t"), "topic", VALUE, None, "What it was about.", metavar="TEXT"
)
SESSION_GOALS: OptionSpec[list[str] | None] = OptionSpec(
    ("--goal", "-g"),
    "goals",
    REPEATED,
    None,
    "A goal it was about (repeatable).",
    metavar="GOAL",
    completion="goals",
)
SESSION_NOTES: OptionSpec[str | None] = OptionSpec(
    ("--notes", "-n"), "notes", VALUE, None, "The notes; '-' reads them from stdin.", metavar="TEXT"
)
SESSION_ACTIONS: OptionSpec[list[str] | None] = OptionSpec(
    ("--action", "-a"),
    "actions",
    REPEATED,
    None,
    "Something you will do (repeatable).",
    metavar="TEXT",
)
SESSION_LESSONS: OptionSpec[list[str] | None] = OptionSpec(
    ("--lesson", "-l"),
    "lessons",
    REPEATED,
    None,
    "A story or lesson they shared (repeatable).",
    metavar="TEXT",
)
SESSION_ADVICE: OptionSpec[list[str] | None] = OptionSpec(
    ("--advice",),
    "advice",
    REPEATED,
    None,
    "Advice they gave, numbered from 1 (repeatable); an --action cites it with '(advice N)'.",
    metavar="TEXT",
)
SESSION_HOW: OptionSpec[str | None] = OptionSpec(
    ("--how",),
    "how",
    VALUE,
    None,
    "For --kind thanks: how you said it, e.g. 'handwritten note'.",
    metavar="TEXT",
)
SESSION_DISCUSSED: OptionSpec[list[str] | None] = OptionSpec(
    ("--discussed",),
    "discussed",
    REPEATED,
    None,
    "Mark queued questions discussed: all, a number, or a question's first words (repeatable).",
    metavar="QUESTION",
)
SESSION_CONFIDENTIAL: OptionSpec[bool] = OptionSpec(
    ("--confidential",),
    "confidential",
    FLAG,
    True,
    "Confidential records stay out of exports; --shareable allows sharing.",
    off=("--shareable",),
)
SESSION_EDIT: OptionSpec[bool | None] = OptionSpec(
    ("--edit",),
    "edit",
    FLAG,
    None,
    "Open $EDITOR even without a terminal (--edit) or never (--no-edit). "
    "Default: open it on a terminal when no text is given.",
    off=("--no-edit",),
    show_default=False,
)
SESSION_NEW = (
    SESSION_MENTOR,
    DATE,
    SESSION_KIND,
    SESSION_TOPIC,
    SESSION_GOALS,
    SESSION_NOTES,
    SESSION_ACTIONS,
    SESSION_LESSONS,
    SESSION_ADVICE,
    SESSION_HOW,
    SESSION_DISCUSSED,
    SESSION_CONFIDENTIAL,
    SESSION_EDIT,
    JSON,
)

# --- mentorlog doctor ----------------------------------------------------------------------------

DOCTOR = (JSON,)

# --- the listings: mentor, goal, action, reflection, ask and feedback list ----------------------

MENTOR_LIST_ALL: OptionSpec[bool] = OptionSpec(
    ("--all", "-a"), "show_all", FLAG, False, "Include ended relationships."
)
MENTOR_LIST = (MENTOR_LIST_ALL, JSON)

GOAL_LIST_ALL: OptionSpec[bool] = OptionSpec(
    ("--all", "-a"), "show_all", FLAG, False, "Include done and dropped goals."
)
GOAL_LIST_MENTOR: OptionSpec[str | None] = OptionSpec(
    ("--mentor", "-m"),
    "mentor",
    VALUE,
    None,
    "Only goals linked to this mentor.",
    metavar="MENTOR",
    completion="mentors",
)
GOAL_LIST = (GOAL_LIST_ALL, GOAL_LIST_MENTOR, JSON)

ACTION_LIST_ALL: OptionSpec[bool] = OptionSpec(
    ("--all", "-a"), "show_all", FLAG, False, "Include done actions."
)
ACTION_LIST = (ACTION_LIST_ALL, MENTOR_FILTER, JSON)

REFLECTION_SINCE: OptionSpec[str | None] = OptionSpec(
    ("--since",), "since", VALUE, None, "Only on or after this date.", metavar="DATE"
)
REFLECTION_UNTIL: OptionSpec[str | None] = OptionSpec(
    ("--until",), "until", VALUE, None, "Only on or before this date.", metavar="DATE"
)
REFLECTION_LIST = (MENTOR_FILTER, REFLECTION_SINCE, REFLECTION_UNTIL, JSON)

ASK_LIST_ALL: OptionSpec[bool] = OptionSpec(
    ("--all", "-a"), "show_all", FLAG, False, "Include questions already discussed."
)
ASK_LIST = (MENTOR_FILTER, ASK_LIST_ALL, JSON)

FEEDBACK_LIST_ALL: OptionSpec[bool] = OptionSpec(
    ("--all", "-a"), "include_done", FLAG, False, "Include items marked done."
)
FEEDBACK_LIST = (FEEDBACK_LIST_ALL, JSON)

# The commands whose options are declared here, by their words on the command line.
COMMANDS: dict[tuple[str, ...], Specs] = {
    ("due",): DUE,
    ("path",): PATH,
    ("session", "new"): SESSION_NEW,
    ("doctor",): DOCTOR,
    ("mentor", "list"): MENTOR_LIST,
    ("goal", "list"): GOAL_LIST,
    ("action", "list"): ACTION_LIST,
    ("reflection", "list"): REFLECTION_LIST,
    ("ask", "list"): ASK_LIST,
    ("feedback", "list"): FEEDBACK_LIST,
}


def check_arguments(args: list[str]) -> None:
    """Refuse an argument that is not valid UTF-8 (a terminal set to another encoding): it
    would end up in a file as bytes no other program could read back."""
    for position, arg in enumerate(args, 1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            from mentorlog.errors import UsageError
            from mentorlog.user.environment import shown

            raise UsageError(
                f"argument {position}, {shown(arg)}, is not valid UTF-8",
                "set the terminal to UTF-8, for example LANG=C.UTF-8, and type it again",
            ) from None


def defaults(specs: Specs) -> dict[str, object]:
    return {spec.keyword: spec.default for spec in specs}


@record
class Parsed:
    """What `parse` read: the options given (by keyword) and the words that are not options."""

    values: dict[str, object]
    words: list[str]


def parse(args: list[str], specs: Specs, *, interspersed: bool = True) -> Parsed | None:
    """Read `args` as click does for a command with these options: `--opt VALUE`,
    `--opt=VALUE`, `-o VALUE`, `-oVALUE` (so `-o=x` means `=x`), clustered short flags
    (`-aq`), a value taken whatever it looks like (`--notes -5%`), the last of a repeated
    single option, `--` ending the options. None where click would refuse the line (an unknown
    option, a missing value, a value given to a flag, a required option missing, `--help`): the full CLI then
    says why. With `interspersed` False (a group), the first word ends the options."""
    by_name: dict[str, tuple[OptionSpec[Any], bool]] = {}
    for spec in specs:
        for name in spec.names:
            by_name[name] = (spec, True)
        for name in spec.off:
            by_name[name] = (spec, False)
    values: dict[str, object] = {}
    words: list[str] = []
    rest = list(args)

    def take(spec: OptionSpec[Any], on: bool, explicit: str | None) -> bool:
        if spec.kind == FLAG:
            if explicit is not None:
                return False
            values[spec.keyword] = on
            return True
        if explicit is not None:
            value = explicit
        elif rest:
            value = rest.pop(0)
        else:
            return False
        if spec.kind == REPEATED:
            collected = values.setdefault(spec.keyword, [])
            assert isinstance(collected, list)
            collected.append(value)
        else:
            values[spec.keyword] = value
        return True

    while rest:
        arg = rest.pop(0)
        if arg == "--":
            words += rest
            break
        if not arg.startswith("-") or len(arg) == 1:
            if not interspersed:
                words += [arg, *rest]
                break
            words.append(arg)
            continue
        name, has_value, value = arg.partition("=")
        found = by_name.get(name)
        if found is not None and (len(name) > 2 or name.startswith("--")):
            if not take(found[0], found[1], value if has_value else None):
                return None
            continue
        if arg.startswith("--"):
            return None
        # Short options, possibly clustered; a value option takes the rest of the word.
        for position in range(1, len(arg)):
            found = by_name.get("-" + arg[position])
            if found is None:
                return None
            spec, on = found
            attached = arg[position + 1 :]
            if spec.kind != FLAG:
                if not take(spec, on, attached or None):
                    return None
                break
            take(spec, on, None)
    if any(spec.required and spec.keyword not in values for spec in specs):
        return None
    return Parsed(values, words)
