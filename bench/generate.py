"""Make journals that look like real ones for the benchmarks, and the same sessions as a jrnl
journal to compare with.

    python bench/generate.py OUT --sessions 10000 [--mentors 50] [--seed 1]

writes

    OUT/journal/                 a mentorlog journal (mentors, goals, sessions, reflections)
    OUT/jrnl/journal.txt         the same sessions as one jrnl entry each
    OUT/xdg/jrnl/jrnl.yaml       a jrnl config pointing at it (use XDG_CONFIG_HOME=OUT/xdg)

The shape is that of a journal kept for years: 50 mentors, names and notes with accented
letters (most files hold at least one), notes of 200 bytes to 5 KB (most short, a few long),
about 1.15 action items a session (old ones done), lessons, reflections on a quarter of the
check-ins, and TOML and HTML comments here and there. A speed that holds only for short ASCII
notes is not a speed a user sees.

Everything is derived from the seed, so two runs with the same arguments write the same bytes.
The journal is "as of" TODAY: run commands with MENTORLOG_TODAY set to it.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

TODAY = date(2026, 11, 23)
MENTORS = 50
FORMAT_VERSION = 4  # bump when the generated content changes, so cached journals are remade

FIRST = [
    "Ada",
    "Ben",
    "Chiara",
    "Dmitri",
    "Elena",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kemi",
    "Luis",
    "Mara",
    "Nikhil",
    "Olga",
    "Pavel",
    "Quinn",
    "Rosa",
    "Sanjay",
    "Tove",
    "Umar",
    "Vera",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoë",
    "Łukasz",
    "Ngozi",
    "José",
    "Søren",
    "Renée",
    "François",
    "Małgorzata",
    "Björn",
    "Chloé",
    "Dóra",
    "Amara",
    "Bruno",
    "Celine",
    "Dario",
    "Eun",
    "Femi",
    "Greta",
    "Hamid",
    "Ingrid",
    "Jae",
    "Kofi",
    "Lena",
    "Mateo",
    "Noor",
]
LAST = [
    "Abara",
    "Berg",
    "Castellanos",
    "Dubois",
    "Eriksen",
    "Fontaine",
    "Gallo",
    "Haddad",
    "Ibarra",
    "Jansen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quispe",
    "Rossi",
    "Sato",
    "Tanaka",
    "Uribe",
    "Vasquez",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zhou",
    "Achterberg",
    "Bianchi",
    "Chen",
    "Duarte",
    "Evans",
    "Fischer",
    "Garcia",
    "Horvat",
    "Ivanova",
    "Johansson",
    "Kaur",
    "Lopez",
    "Mbeki",
    "Novak",
    "Okonkwo-Adébáyọ̀",
    "Müller",
    "Nuñez",
    "Wiśniewski",
    "Ødegaard",
    "Gonçalves",
    "Çelik",
    "Đorđević",
    "Håkansson",
    "Lefèvre",
]
ROLES = (
    "City Manager",
    "Budget Director",
    "Senior Analyst",
    "Director of Operations",
    "Deputy Treasurer",
    "Data Lead",
    "Program Manager",
    "Chief of Staff",
)
ORGS = ("City of Marlow Springs", "County Finance", "Northshore Food Bank", "State Audit Office")
STAGES = ("senior", "peer", "near-peer", "junior", "outsider")
CADENCES = ("2w", "4w", "6w", "1m", "2m", "3m")
KINDS = ("check-in",) * 6 + ("question", "question", "email", "message", "thanks", "intro")
TOPICS = (
    "Preparing the budget presentation",
    "How to run a hiring panel",
    "Delegating the fleet data cleanup",
    "Negotiating a reclassification",
    "Feedback on the open data newsletter",
    "Council relations after the audit",
    "Handing off the quarterly forecast",
    "Planning the next certificate course",
    "Saying no to a director",
    "Writing a one-page brief",
)
GOALS = (
    "Present the budget to council",
    "Learn to delegate",
    "Chair a hiring panel",
    "Negotiate my reclassification",
    "Launch an open data newsletter",
    "Finish the public management certificate",
    "Run a budget workshop",
    "Publish the fleet dashboard",
)
PHRASES = (
    "She walked through how she rehearses with a hostile audience",
    "He was candid that his first year supervising was rough",
    "We talked about what done looks like before handing work off",
    "The council remembers one number, so lead with it",
    "Write the brief before the meeting, not after",
    "Ask for advice while you are stuck, not only when you are finished",
    "A checkpoint every week beats a rescue at the deadline",
    "The audit findings are a chance to show the process works",
    "Keep a list of the questions people ask twice",
    "Name the trade-off out loud and let the director choose",
    "Fixing someone's work quietly tells them it is not theirs",
    "Salary bands differ more between cities than between roles",
    "We met at the café by the station and went through my résumé line by line",
    "Her naïve first draft became the council's favourite exposé of the fleet costs",
    "He said the rôle of a deputy is to make the director's décor look intentional",
    "The façade of the budget hides a déjà vu: the same cuts every year",
    "She quoted her old mentor in Zürich, who said a protégé should disagree early",
    "Coöperation with the county beats a clever memo, he said over crème brûlée",
    "The São Paulo team ran the same pilot and published a candid post-mortem",
    "A résumé is a list of outcomes, not of duties; rewrite each line as a result",
    "Ask Ngozi Okonkwo-Adébáyọ̀ how the audit office handles a hostile hearing",
    "Łukasz has a template for the one-page brief that the directors actually read",
)
# About one session in three hundred mentions it: the rare word of the search cases.
RARE_PHRASE = "She told the story of the zeppelin budget, which nobody believed at first"
ACTIONS = (
    "Rehearse the presentation with Marco",
    "Send the outline to the budget office",
    "Draft the handoff brief for the intern",
    "Book a follow-up call for next month",
    "Read the chapter on delegation she recommended",
    "Ask HR for the reclassification criteria",
    "Share the newsletter draft for comments",
    "Write down three questions for the panel",
    "Send Zoë the résumé with the new outcomes section",
    "Book the café for the team retrospective",
)
LESSONS = (
    "Her first hearing went badly; she now rehearses with her harshest critic. #presenting",
    "He learned to delegate by being away for a month. #delegation",
    "The best negotiators ask for the range first. #negotiation",
    "Every dashboard needs an owner, not a champion. #data",
    "Say thank you with the result, not only the gesture. #gratitude",
    "A protégé who disagrees early saves everyone a déjà vu later. #feedback",
)
HOW = ("handwritten note", "email", "coffee", "a message after the meeting")


@dataclass
class MentorSpec:
    id: str
    name: str
    questions: list[str] = field(default_factory=list)


def slugify(text: str) -> str:
    """Ids as mentorlog makes them (Łukasz -> lukasz), without importing it."""
    import unicodedata

    spelled = text.translate(
        str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d"})
    )
    plain = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode().lower()
    return "-".join("".join(c if c.isalnum() else " " for c in plain).split())


def ascii_only(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(text for text in items if text.isascii())


def unique(base: str, taken: set[str]) -> str:
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


def q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def mentor_text(rng: random.Random, spec: MentorSpec, since: date) -> str:
    lines = [
        f"name = {q(spec.name)}",
        f"role = {q(rng.choice(ROLES))}",
        f"org = {q(rng.choice(ORGS))}",
        f"email = {q(spec.id + '@example.org')}",
        f"stage = {q(rng.choice(STAGES))}",
        f"cadence = {q(rng.choice(CADENCES))}",
        f"since = {since.isoformat()}",
        f"added = {since.isoformat()}",
        'tags = ["career", "budgets"]',
        'strengths = ["council relations", "delegation"]',
    ]
    roll = rng.random()
    if roll < 0.05:
        lines.append(f"ended = {(TODAY - timedelta(days=rng.randint(10, 400))).isoformat()}")
    elif roll < 0.10:
        lines.append(f"paused_until = {(TODAY + timedelta(days=rng.randint(5, 60))).isoformat()}")
    for text in spec.questions:
        added = TODAY - timedelta(days=rng.randint(1, 40))
        lines += ["", "[[questions]]", f"text = {q(text)}", f"added = {added.isoformat()}"]
    return "\n".join(lines) + "\n"


def goal_text(rng: random.Random, title: str, mentor_ids: list[str], created: date) -> str:
    status = rng.choice(("open", "open", "open", "done", "dropped"))
    lines = [
        f"title = {q(title)}",
        f"why = {q(rng.choice(PHRASES) + '.')}",
        "mentors = [" + ", ".join(q(m) for m in mentor_ids) + "]",
        f"target = {(created + timedelta(days=rng.randint(90, 400))).isoformat()}",
        f"status = {q(status)}",
        f"created = {created.isoformat()}",
    ]
    if status != "open":
        lines.append(f"closed = {(created + timedelta(days=rng.randint(30, 300))).isoformat()}")
    for _ in range(rng.randint(0, 3)):
        day = created + timedelta(days=rng.randint(1, 200))
        lines += [
            "",
            "[[progress]]",
            f"date = {day.isoformat()}",
            f"note = {q(rng.choice(PHRASES))}",
        ]
    return "\n".join(lines) + "\n"


def note_length(rng: random.Random) -> int:
    """Bytes of notes: most sessions get a few lines, some a page (200 B to 5 KB)."""
    return min(5000, max(200, int(rng.lognormvariate(6.4, 0.8))))


def notes_text(rng: random.Random, length: int, phrases: tuple[str, ...]) -> list[str]:
    sentences: list[str] = []
    size = 0
    while size < length:
        sentence = RARE_PHRASE if rng.random() < 0.0003 else rng.choice(phrases)
        sentences.append(sentence + ".")
        size += len(sentence.encode()) + 2
    wrapped, line = [], ""
    for word in " ".join(sentences).split(" "):
        if len(line) + len(word) > 90:
            wrapped.append(line.rstrip())
            line = ""
        line += word + " "
    wrapped.append(line.rstrip())
    return wrapped


def action_count(rng: random.Random) -> int:
    """Actions of a check-in, a question or an intro; as these are three sessions in four,
    a session has about 1.15 action items on average."""
    return rng.choices((0, 1, 2, 3), weights=(14, 34, 36, 16))[0]


def session_body(rng: random.Random, day: date, kind: str) -> str:
    # About one session in eight is plain ASCII; the others hold an accented letter somewhere.
    plain = rng.random() < 0.13
    phrases = ascii_only(PHRASES) if plain else PHRASES
    parts = ["## Agenda", f"- {rng.choice(TOPICS)}", "", "## Notes"]
    parts += notes_text(rng, note_length(rng), phrases)
    if rng.random() < 0.05:
        parts += ["", "<!-- ask about the follow-up before the next meeting -->"]
    if kind in ("check-in", "question", "intro"):
        if rng.random() < 0.5:
            parts += ["", "## Advice", f"- {rng.choice(phrases)}."]
        lessons = rng.sample(
            ascii_only(LESSONS) if plain else LESSONS,
            rng.choices((0, 1, 2), weights=(60, 30, 10))[0],
        )
        if lessons:
            parts += ["", "## Lessons", *(f"- {text}" for text in lessons)]
        age = (TODAY - day).days
        count = action_count(rng)
        if count:
            parts += ["", "## Actions"]
        for text in rng.sample(ascii_only(ACTIONS) if plain else ACTIONS, count):
            # Old actions are nearly all done: a real journal does not keep years of open items.
            if age > 45 or (age > 10 and rng.random() < 0.7):
                done = min(day + timedelta(days=rng.randint(1, 20)), TODAY)
                parts.append(f"- [x] {text} (done {done.isoformat()})")
            else:
                parts.append(f"- [ ] {text}")
    return "\n".join(parts) + "\n"


def generate(out: Path, sessions: int, mentors: int, seed: int = 1) -> Path:
    """Write the journals under `out`; returns the mentorlog journal folder."""
    rng = random.Random(seed)
    root = out / "journal"
    for folder in ("mentors", "goals", "sessions", "reflections"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "mentorlog.toml").write_text(
        'schema_version = 1\ndefault_cadence = "4w"\ndue_within = "7d"\nreflect_within = "3d"\n',
        encoding="utf-8",
    )
    span = max(120, min(sessions // 2, 20 * 365))
    taken: set[str] = set()
    specs: list[MentorSpec] = []
    for _ in range(mentors):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        spec = MentorSpec(unique(slugify(name), taken), name)
        if rng.random() < 0.3:
            spec.questions = rng.sample(PHRASES, rng.randint(1, 2))
        specs.append(spec)
        since = TODAY - timedelta(days=span + rng.randint(0, 60))
        (root / "mentors" / f"{spec.id}.toml").write_text(
            mentor_text(rng, spec, since), encoding="utf-8"
        )
    goal_ids: list[str] = []
    goal_taken: set[str] = set()
    for number in range(max(1, mentors // 2)):
        title = GOALS[number % len(GOALS)]
        if number >= len(GOALS):
            title = f"{title} {number // len(GOALS) + 1}"
        goal_id = unique(slugify(title), goal_taken)
        goal_ids.append(goal_id)
        linked = [s.id for s in rng.sample(specs, min(len(specs), rng.randint(1, 2)))]
        created = TODAY - timedelta(days=rng.randint(30, span))
        (root / "goals" / f"{goal_id}.toml").write_text(
            goal_text(rng, title, linked, created), encoding="utf-8"
        )

    session_ids: set[str] = set()
    entries: list[tuple[date, int, str, str]] = []
    made_years: set[str] = set()
    for _ in range(sessions):
        spec = rng.choice(specs)
        day = TODAY - timedelta(days=rng.randint(0, span))
        kind = rng.choice(KINDS)
        topic = rng.choice(TOPICS)
        session_id = unique(f"{day.isoformat()}-{spec.id}", session_ids)
        head = [
            f"mentor = {q(spec.id)}",
            f"date = {day.isoformat()}",
            f"kind = {q(kind)}",
            f"topic = {q(topic)}",
        ]
        if rng.random() < 0.3:
            head.append(f"goals = [{q(rng.choice(goal_ids))}]")
        head.append(f"confidential = {'true' if rng.random() < 0.8 else 'false'}")
        if rng.random() < 0.05:
            head.append("# moved from the paper notebook")
        if kind == "thanks":
            head.append(f"how = {q(rng.choice(HOW))}")
        body = session_body(rng, day, kind)
        year = day.isoformat()[:4]
        folder = root / "sessions" / year
        if year not in made_years:
            folder.mkdir(exist_ok=True)
            (root / "reflections" / year).mkdir(exist_ok=True)
            made_years.add(year)
        (folder / f"{session_id}.md").write_text(
            "+++\n" + "\n".join(head) + "\n+++\n\n" + body, encoding="utf-8"
        )
        entries.append((day, rng.randint(7, 19), f"{topic} with {spec.name}", body))
        if kind in ("check-in", "intro") and rng.random() < 0.25:
            reflect_on = min(day + timedelta(days=rng.randint(0, 3)), TODAY)
            reflection_id = f"{reflect_on.isoformat()}-{spec.id}"
            ryear = reflect_on.isoformat()[:4]
            (root / "reflections" / ryear).mkdir(exist_ok=True)
            path = root / "reflections" / ryear / f"{reflection_id}.md"
            if not path.exists():
                path.write_text(
                    f'+++\ndate = {reflect_on.isoformat()}\nsession = "{session_id}"\n'
                    f'mentor = "{spec.id}"\nconfidential = true\n+++\n\n'
                    f"## What I heard\n{rng.choice(PHRASES)}.\n\n"
                    f"## What I will try\n{rng.choice(ACTIONS)}.\n",
                    encoding="utf-8",
                )

    write_jrnl(out, entries)
    settle(root)
    (out / "COMPLETE").write_text(f"{FORMAT_VERSION}\n", encoding="utf-8")
    return root


def settle(root: Path, age_seconds: int = 86_400) -> None:
    """Date every file a day back, as files of a journal in use are: mentorlog does not cache
    a file changed in the last few seconds, so a fresh copy would never look warm."""
    import time

    then = time.time() - age_seconds
    for folder, _, names in os.walk(root):
        for name in names:
            os.utime(os.path.join(folder, name), (then, then))


def write_jrnl(out: Path, entries: list[tuple[date, int, str, str]]) -> None:
    """jrnl's plain-text journal: `[YYYY-MM-DD HH:MM] Title` then the body, oldest first."""
    entries.sort(key=lambda entry: (entry[0], entry[1]))
    journal = out / "jrnl" / "journal.txt"
    journal.parent.mkdir(parents=True, exist_ok=True)
    with journal.open("w", encoding="utf-8") as stream:
        for day, hour, title, body in entries:
            stream.write(f"[{day.isoformat()} {hour:02d}:00] {title}\n{body}\n")
    config = out / "xdg" / "jrnl" / "jrnl.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        "colors:\n  body: none\n  date: none\n  tags: none\n  title: none\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\n"
        "highlight: false\nindent_character: '|'\n"
        f"journals:\n  default:\n    journal: {journal}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\n"
        "timeformat: '%Y-%m-%d %H:%M'\nversion: v4.6\n",
        encoding="utf-8",
    )


def write_vcards(out: Path, count: int, seed: int = 1) -> Path:
    """`count` vCards of different people (names, emails, organisations, titles), as an
    address book export would hold them: the input of `mentorlog import vcard`."""
    rng = random.Random(seed)
    cards = []
    for number in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        cards.append(
            "BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"FN:{first} {last} {number}\r\nN:{last} {number};{first};;;\r\n"
            f"EMAIL:{first.lower()}.{last.lower()}.{number}@example.org\r\n"
            f"ORG:{rng.choice(ORGS)}\r\nTITLE:{rng.choice(ROLES)}\r\n"
            "NOTE:Met at the regional budget conference.\r\nEND:VCARD\r\n"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(cards), encoding="utf-8")
    return out


def is_complete(out: Path) -> bool:
    marker = out / "COMPLETE"
    return marker.is_file() and marker.read_text(encoding="utf-8").strip() == str(FORMAT_VERSION)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, help="an empty or missing folder")
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--mentors", type=int, default=MENTORS)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty")
    if args.sessions < 0 or args.mentors < 1:
        parser.error("--sessions must be >= 0 and --mentors >= 1")
    root = generate(args.out, args.sessions, args.mentors, args.seed)
    print(f"wrote {root} and {args.out / 'jrnl' / 'journal.txt'}", file=sys.stderr)
    print(f"jrnl: XDG_CONFIG_HOME={args.out / 'xdg'}", file=sys.stderr)
    print(f"mentorlog: MENTORLOG_DIR={root} MENTORLOG_TODAY={TODAY.isoformat()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    os.umask(0o077)
    sys.exit(main())
