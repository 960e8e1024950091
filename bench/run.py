"""Benchmark mentorlog's commands as whole processes, side by side with a reference.

    python bench/run.py [--quick] [--jrnl PATH] [--rounds N] [--markdown FILE]

Each case runs the installed `mentorlog` console script and a reference command in alternating
order (A B, then B A, ...), and reports medians, min-max and the median of the per-pair ratios,
plus the peak memory of the mentorlog process. The reference is jrnl when `--jrnl` (or `jrnl` on
PATH) is given, and otherwise `python -c pass` from the same virtual environment (the floor):
the target is then converted with the jrnl/floor multiples measured when the targets were set.

The exit status is non-zero only on a gross regression (a ratio or a peak memory three times
worse than its target) or a command that fails: never on noise. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

# Whole-process wall time of jrnl as a multiple of the floor (`python -c pass`): a target
# against jrnl becomes a target against the floor. --version and -n 10 are the multiples the
# targets were set with; -contains (which prints every matching entry) was measured on the
# generated 10,000-session journal (docs/performance.md).
JRNL_IN_FLOORS = {
    "jrnl --version": 11.0,
    "jrnl -n 10": 84.0,
    "jrnl -contains": 170.0,
    "jrnl --format short": 90.0,
    "jrnl --format json": 110.0,
}
# The floors a read of the whole journal is measured against: Python listing every folder and
# stat-ing every file, and Python reading every byte of every file (what no first read can beat).
LIST_AND_STAT = (
    "import os, sys\n"
    "for folder, _, names in os.walk(sys.argv[1]):\n"
    "    for name in names:\n"
    "        os.lstat(os.path.join(folder, name))\n"
)
READ_ALL_BYTES = (
    "import os, sys\n"
    "for folder, _, names in os.walk(sys.argv[1]):\n"
    "    for name in names:\n"
    "        with open(os.path.join(folder, name), 'rb') as f:\n"
    "            f.read()\n"
)
GROSS = 3.0  # fail only when a ratio is this many times worse than its target
RARE_WORD = "zeppelin"  # in about one generated session in two hundred
COMMON_WORD = "budget"  # in most of them


@dataclass
class Command:
    argv: list[str]
    env: dict[str, str]
    before: Callable[[], None] | None = None  # untimed, before each run
    after: Callable[[str], None] | None = None  # untimed, given stdout
    capture: bool = False


@dataclass
class Case:
    name: str
    subject: Command
    reference: Command
    reference_name: str
    target: float  # at most this many times the reference
    memory_limit_mib: float | None = None
    rounds: int = 9
    # A gated case fails the run on a gross miss. The targets the speed work has not met yet
    # are measured and reported, but only a case whose target was met can regress.
    gated: bool = True
    subject_times: list[float] = field(default_factory=list)
    reference_times: list[float] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)
    peaks_mib: list[float] = field(default_factory=list)


def run_once(command: Command) -> float:
    """Wall seconds of one run."""
    if command.before is not None:
        command.before()
    stdout = subprocess.PIPE if command.capture else subprocess.DEVNULL
    started = time.perf_counter()
    process = subprocess.Popen(
        command.argv,
        env=command.env,
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.PIPE,
    )
    out, err = process.communicate()
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command.argv)} exited {process.returncode}: {err.decode()[-2000:]}"
        )
    if command.after is not None:
        command.after(out.decode() if out else "")
    return elapsed


def measure_peak(command: Command) -> float:
    """Peak memory of one run of `command`, in a fresh helper process so that the maximum
    over this process's children is the maximum of that run alone."""
    helper = (
        "import resource, subprocess, sys, json\n"
        "argv = json.loads(sys.argv[1])\n"
        "done = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, check=True)\n"
        "sys.stderr.buffer.write(done.stdout)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    if command.before is not None:
        command.before()
    result = subprocess.run(
        [sys.executable, "-c", helper, json.dumps(command.argv)],
        env=command.env,
        capture_output=True,
        text=True,
        check=True,
    )
    if command.after is not None:
        command.after(result.stderr)
    value = int(result.stdout.strip())
    return value / (1024 * 1024) if sys.platform == "darwin" else value / 1024


def run_case(case: Case) -> None:
    run_once(case.subject)  # warm-up: byte code, the index, the page cache
    run_once(case.reference)
    for number in range(case.rounds):
        order = [case.subject, case.reference]
        if number % 2:
            order.reverse()
        times = {id(command): run_once(command) for command in order}
        subject, reference = times[id(case.subject)], times[id(case.reference)]
        case.subject_times.append(subject)
        case.reference_times.append(reference)
        case.ratios.append(subject / reference)
    case.peaks_mib.append(measure_peak(case.subject))


# --- the journals -----------------------------------------------------------------------------


def journal_for(data: Path, sessions: int, mentors: int) -> Path:
    """A generated journal (made once, reused by later runs)."""
    out = data / f"s{sessions}-m{mentors}-seed1"
    if not generate.is_complete(out):
        if out.exists():
            shutil.rmtree(out)
        started = time.perf_counter()
        print(f"generating {sessions} sessions in {out} ...", file=sys.stderr, flush=True)
        generate.generate(out, sessions, mentors, seed=1)
        print(f"  done in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return out


def example_journal(data: Path) -> Path:
    target = data / "example" / "journal"
    if not target.exists():
        source = Path(__file__).resolve().parent.parent / "examples" / "journal"
        shutil.copytree(source, target)
        generate.settle(target)
    return target


def base_env() -> dict[str, str]:
    env = dict(os.environ)
    # Set in some shells; it makes every run compile every module again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("MENTORLOG_DEBUG", None)
    env.update(
        {
            "MENTORLOG_TODAY": generate.TODAY.isoformat(),
            "NO_COLOR": "1",
            "COLUMNS": "100",
        }
    )
    return env


def mentorlog_env(journal: Path, cache: Path) -> dict[str, str]:
    """The journal by $MENTORLOG_DIR, and the index where a user's would be: in the platform
    cache folder, found by platformdirs as on every user's machine (here under
    $XDG_CACHE_HOME, so each case has its own), not by $MENTORLOG_CACHE_DIR, which would skip
    the platformdirs import a user pays for."""
    env = {**base_env(), "MENTORLOG_DIR": str(journal), "XDG_CACHE_HOME": str(cache)}
    env.pop("MENTORLOG_CACHE_DIR", None)
    return env


def jrnl_env(out: Path) -> dict[str, str]:
    return {**base_env(), "XDG_CONFIG_HOME": str(out / "xdg")}


# --- the cases --------------------------------------------------------------------------------


def build_cases(args: argparse.Namespace, data: Path) -> list[Case]:
    mentorlog = [str(args.mentorlog)]
    floor = Command([str(args.python), "-c", "pass"], base_env())
    jrnl = [str(args.jrnl)] if args.jrnl else None
    rounds = args.rounds or (5 if args.quick else 9)
    sizes = [1000] if args.quick else [1000, 10_000] + ([100_000] if args.huge else [])
    cases: list[Case] = []

    def against(
        name: str,
        subject: Command,
        jrnl_args: list[str] | None,
        jrnl_out: Path | None,
        reference_label: str,
        target: float,
        **extra: object,
    ) -> None:
        if jrnl is not None and jrnl_args is not None and jrnl_out is not None:
            reference = Command([*jrnl, *jrnl_args], jrnl_env(jrnl_out))
            label, goal = f"{reference_label} ({jrnl_out.name})", target
        else:
            reference = floor
            label, goal = "python -c pass", target * JRNL_IN_FLOORS[reference_label]
        extra.setdefault("rounds", rounds)
        cases.append(Case(name, subject, reference, label, goal, **extra))  # type: ignore[arg-type]

    example = example_journal(data)
    env_example = mentorlog_env(example, data / "cache-example")
    first_out = journal_for(data, sizes[0], generate.MENTORS)

    against(
        "mentorlog --version",
        Command([*mentorlog, "--version"], env_example),
        ["--version"],
        first_out,
        "jrnl --version",
        0.5,
    )
    against(
        "mentorlog path",
        Command([*mentorlog, "path"], env_example),
        ["--version"],
        first_out,
        "jrnl --version",
        0.5,
    )
    example_mentor = sorted(p.stem for p in (example / "mentors").glob("*.toml"))[0]
    # Gated: the start-up cases whose target is met (they take the lean path).
    met = (
        ["due"],
        ["doctor"],
        ["mentor", "list"],
        ["goal", "list"],
        ["action", "list"],
        ["action", "list", "--all"],
        ["reflection", "list"],
        ["ask", "list"],
        ["feedback", "list"],
    )
    for words in (
        ["due"],
        ["brief", example_mentor],
        ["team"],
        ["action", "list"],
        ["action", "list", "--all"],
        ["review", "--since", "3 months ago"],
        ["lessons"],
        ["session", "list"],
        ["mentor", "list"],
        ["goal", "list"],
        ["reflection", "list"],
        ["ask", "list"],
        ["feedback", "list"],
        ["doctor"],
    ):
        against(
            f"mentorlog {' '.join(words)}, example journal",
            Command([*mentorlog, *words], env_example),
            ["--version"],
            first_out,
            "jrnl --version",
            0.6,
            gated=words in met,
        )
    for size in sizes:
        size_cases(cases, against, args, data, size, rounds)
    return cases


def size_cases(
    cases: list[Case],
    against: Callable[..., None],
    args: argparse.Namespace,
    data: Path,
    size: int,
    rounds: int,
) -> None:
    """The read commands of issue-sized journals, each beside the jrnl command that does the
    same job (or the floor), warm: the index is made by the warm-up run."""
    mentorlog = [str(args.mentorlog)]
    floor = Command([str(args.python), "-c", "pass"], base_env())
    out = journal_for(data, size, generate.MENTORS)
    journal = out / "journal"
    env = mentorlog_env(journal, data / f"cache-{size}")
    label = f"{size:,} sessions"
    if size >= 100_000:
        rounds = max(3, rounds // 3)
    mentor_id = busiest_mentor(journal)
    reads: list[tuple[list[str], list[str], str, float]] = [
        (["due"], ["-n", "10"], "jrnl -n 10", 0.12),
        (["brief", mentor_id], ["-n", "10"], "jrnl -n 10", 0.15),
        (["team"], ["-n", "10"], "jrnl -n 10", 0.15),
        (["action", "list"], ["-n", "10"], "jrnl -n 10", 0.15),
        (["review", "--since", "3 months ago"], ["-n", "10"], "jrnl -n 10", 0.15),
        (["timeline", mentor_id], ["-n", "10"], "jrnl -n 10", 0.15),
        (["lessons"], ["-n", "10"], "jrnl -n 10", 0.15),
        (["doctor"], ["-n", "10"], "jrnl -n 10", 0.15),
        (["session", "list"], ["--format", "short"], "jrnl --format short", 0.3),
        (["search", RARE_WORD], ["-contains", RARE_WORD], "jrnl -contains", 0.3),
        (["search", COMMON_WORD], ["-contains", COMMON_WORD], "jrnl -contains", 0.3),
        (["export", "--format", "json"], ["--format", "json"], "jrnl --format json", 0.3),
    ]
    for words, jrnl_args, reference_label, target in reads:
        against(
            f"mentorlog {' '.join(words)}, {label} (warm)",
            Command([*mentorlog, *words], env),
            jrnl_args,
            out,
            reference_label,
            target,
            memory_limit_mib=100.0,
            rounds=rounds,
            gated=words == ["due"],
        )
    against(
        f"mentorlog export --include-confidential (Markdown), {label} (warm)",
        Command([*mentorlog, "export", "--include-confidential"], env),
        ["--format", "json"],
        out,
        "jrnl --format json",
        0.3,
        memory_limit_mib=100.0,
        rounds=rounds,
        gated=False,
    )
    python = str(args.python)
    for floor_name, script in (("list + stat", LIST_AND_STAT), ("read all bytes", READ_ALL_BYTES)):
        cases.append(
            Case(
                f"floor: {floor_name}, {label}",
                Command([python, "-c", script, str(journal)], base_env()),
                floor,
                "python -c pass",
                1000.0,  # a floor has no target: the case reports its time
                rounds=max(3, rounds // 2),
            )
        )
    cold_cache = data / f"cache-{size}-cold"
    # A first read (a new machine, a fresh clone) against reading every byte of the journal.
    cases.append(
        Case(
            f"mentorlog due, {label} (cold: no index)",
            Command(
                [*mentorlog, "due"],
                mentorlog_env(journal, cold_cache),
                before=lambda: shutil.rmtree(cold_cache, ignore_errors=True),
            ),
            Command([python, "-c", READ_ALL_BYTES, str(journal)], base_env()),
            "read all bytes",
            3.0,
            memory_limit_mib=100.0,
            rounds=max(3, rounds // 2),
            gated=False,
        )
    )

    def forget_created(stdout: str) -> None:
        if stdout.strip():
            record = json.loads(stdout)
            path = journal / "sessions" / record["id"][:4] / f"{record['id']}.md"
            path.unlink()

    against(
        f"mentorlog session new with flags, {label}",
        Command(
            [
                *mentorlog,
                "session",
                "new",
                "-m",
                mentor_id,
                "--notes",
                "Walked through the budget deck.",
                "--action",
                "Send the outline",
                "--json",
            ],
            env,
            after=forget_created,
            capture=True,
        ),
        ["--version"],
        out,
        "jrnl --version",
        0.6,
        rounds=rounds,
    )


def busiest_mentor(journal: Path) -> str:
    """The mentor with the most sessions: `brief` and `timeline` at their heaviest."""
    counts: dict[str, int] = {}
    for path in (journal / "mentors").glob("*.toml"):
        counts[path.stem] = 0
    for path in (journal / "sessions").glob("*/*.md"):
        for mentor_id in counts:
            if path.stem.endswith(mentor_id):
                counts[mentor_id] += 1
    return max(sorted(counts), key=lambda mentor_id: counts[mentor_id])


def other_cases(args: argparse.Namespace, data: Path, rounds: int) -> list[Case]:
    mentorlog = [str(args.mentorlog)]
    floor = Command([str(args.python), "-c", "pass"], base_env())
    cases: list[Case] = []
    # Importing an address book: each card is one new file, written and synced, so the time
    # grows with the number of cards. The target (in floors per card) only catches a return of
    # the quadratic import, which reread the journal for each card.
    for cards in (100, 1000) if args.quick else (100, 1000, 10_000):
        book = generate.write_vcards(data / "vcards" / f"{cards}.vcf", cards)
        target_journal = data / f"import-{cards}" / "journal"

        def fresh_journal(root: Path = target_journal) -> None:
            shutil.rmtree(root.parent, ignore_errors=True)
            subprocess.run(
                [*mentorlog, "init", str(root)],
                env=base_env(),
                check=True,
                capture_output=True,
            )

        cases.append(
            Case(
                f"mentorlog import vcard, {cards:,} cards",
                Command(
                    [*mentorlog, "import", "vcard", str(book)],
                    mentorlog_env(target_journal, data / f"cache-import-{cards}"),
                    before=fresh_journal,
                ),
                floor,
                "python -c pass",
                20.0 + cards * 3.0,
                rounds=max(1, rounds // (3 if cards < 10_000 else 9)),
            )
        )
    return cases


# --- reporting --------------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def spread(values: list[float]) -> str:
    return f"{ms(statistics.median(values))} ({ms(min(values))}-{ms(max(values))})"


def verdict(case: Case) -> tuple[str, bool]:
    ratio = statistics.median(case.ratios)
    peak = max(case.peaks_mib)
    met = ratio <= case.target and (case.memory_limit_mib is None or peak <= case.memory_limit_mib)
    gross = ratio > case.target * GROSS or (
        case.memory_limit_mib is not None and peak > case.memory_limit_mib * GROSS
    )
    if gross and not case.gated:
        return "far from target (not gated yet)", False
    if gross:
        return "GROSS REGRESSION", True
    return ("met" if met else "not met"), False


def table(cases: list[Case], floor_ms: float | None) -> str:
    lines = [
        "| what | reference | target | mentorlog ms, median (min-max) "
        "| reference ms, median (min-max) | ratio, median (min-max) | peak MiB | |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for case in cases:
        ratio = statistics.median(case.ratios)
        limit = f", <= {case.memory_limit_mib:.0f} MiB" if case.memory_limit_mib else ""
        lines.append(
            f"| {case.name} | {case.reference_name} | <= {case.target:g}x{limit} "
            f"| {spread(case.subject_times)} | {spread(case.reference_times)} "
            f"| {ratio:.2f}x ({min(case.ratios):.2f}-{max(case.ratios):.2f}) "
            f"| {max(case.peaks_mib):.0f} | {verdict(case)[0]} |"
        )
    if floor_ms is not None:
        lines.append("")
        lines.append(f"Floor (`python -c pass`, median of all floor runs): {floor_ms:.1f} ms.")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small journals only (for CI)")
    parser.add_argument("--jrnl", type=Path, help="a jrnl executable to compare with")
    parser.add_argument("--no-jrnl", action="store_true", help="compare with the floor only")
    parser.add_argument("--mentorlog", type=Path, help="default: next to this Python")
    parser.add_argument("--python", type=Path, default=Path(sys.executable), help="the floor")
    parser.add_argument("--rounds", type=int, help="pairs per case (default 9, quick 5)")
    parser.add_argument("--data", type=Path, help="where generated journals are kept")
    parser.add_argument("--markdown", type=Path, help="also write the table here")
    parser.add_argument("--only", nargs="*", help="run only cases whose name contains a word")
    parser.add_argument(
        "--huge", action="store_true", help="also 100,000 sessions (minutes; not for CI)"
    )
    args = parser.parse_args(argv)
    bin_dir = Path(sys.executable).parent
    if args.mentorlog is None:
        args.mentorlog = bin_dir / "mentorlog"
    if not args.mentorlog.exists():
        parser.error(f"{args.mentorlog} not found: install mentorlog in this environment")
    if args.no_jrnl:
        args.jrnl = None
    elif args.jrnl is None and shutil.which("jrnl"):
        args.jrnl = Path(shutil.which("jrnl") or "jrnl")
    data = args.data or Path(tempfile.gettempdir()) / "mentorlog-bench"
    data.mkdir(parents=True, exist_ok=True)
    cases = build_cases(args, data) + other_cases(
        args, data, args.rounds or (5 if args.quick else 9)
    )
    if args.only:
        cases = [case for case in cases if any(word in case.name for word in args.only)]
    failed = False
    for case in cases:
        print(f"{case.name} vs {case.reference_name} ...", file=sys.stderr, flush=True)
        try:
            run_case(case)
        except RuntimeError as exc:
            print(f"  FAILED: {exc}", file=sys.stderr)
            failed = True
            case.ratios = []
            continue
        label, gross = verdict(case)
        print(f"  {statistics.median(case.ratios):.2f}x: {label}", file=sys.stderr, flush=True)
        failed = failed or gross
    done = [case for case in cases if case.ratios]
    floors = [t for c in done if c.reference_name == "python -c pass" for t in c.reference_times]
    text = table(done, statistics.median(floors) * 1000 if floors else None)
    print(text)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
