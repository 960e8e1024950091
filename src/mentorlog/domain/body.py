"""The Markdown body of session and reflection files: action items, lessons and sections.

A body is the text after the front matter, with "\\n" line endings. Line numbers are indexes
into ``body.split("\\n")``. Every function here is pure, and the editing functions change only
the lines they are about: every other byte of the body comes back as it went in.

Markdown is read the way a renderer would for the parts that matter here: ATX headings
(``# Title`` to ``###### Title``) split the body, and nothing inside a fenced code block
(``` or ~~~) is a heading, an action or a lesson. A fence that is never closed runs to the end
of the body.
"""

from __future__ import annotations

import re
from datetime import date

from mentorlog.errors import Conflict, NotFound, UsageError

__all__ = [
    "Action",
    "Lesson",
    "acts_on",
    "add_action",
    "build_body",
    "bullet_list",
    "is_blank_template",
    "parse_actions",
    "parse_advice",
    "parse_lessons",
    "parse_session_body",
    "reopen_action",
    "section_text",
    "sections",
    "tick_action",
    "without_citation",
]

# "- [ ] text", "* [x] text", "+ [X] text", indented or not. The box is followed by
# whitespace or the end of the line ("- [x]done" is not a checkbox).
_CHECKBOX = re.compile(r"([ \t]*)([-*+])([ \t]+)\[([ xX])\](?=[ \t]|$)")
# "(done 2026-11-05)" or "(done 2026-11-05: what came of it)", matched from a "(done " to
# the end of the line's text.
_SUFFIX = re.compile(
    r"\(done[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]*:[ \t]*(.*?))?[ \t]*\)", re.IGNORECASE
)
_SUFFIX_START = re.compile(r"\(done[ \t]", re.IGNORECASE)
# ATX headings: up to three spaces, 1-6 "#", then whitespace or the end of the line.
_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)(.*)")
_FENCE = re.compile(r"([ \t]*)(`{3,}|~{3,})(.*)")
# Any list item: bullets and ordered items ("1." or "1)").
_LIST_ITEM = re.compile(r"([ \t]*)([-*+]|\d{1,9}[.)])(?:([ \t]+)(.*))?")
_THEMATIC_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")
_EMPTY_BULLET = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+\[[ xX]?\])?[ \t]*")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Everything str.splitlines() would break a line at, so text never turns into two lines.
_LINE_BREAKS = re.compile(r"[ \t]*[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+[ \t]*")
_TAG = re.compile(r"(?<![\w#&/])#(\w[\w-]*)")
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_LESSON_TITLES = re.compile(
    r"lessons?(?: learned)?|stories|lessons? (?:and|&) stories|stories (?:and|&) lessons?"
)
_ACTIONS_TITLE = "actions"
_ADVICE_TITLES = re.compile(r"advice(?: given| received)?|suggestions?")
# "(advice 2)" in an action's text: the action acts on the session's second piece of advice.
_ADVICE_MARK = re.compile(r"\(advice[ \t]+#?(\d{1,4})\)", re.IGNORECASE)


class Action:
    """One checkbox line of a body."""

    __slots__ = ("done", "done_on", "line", "number", "outcome", "section", "text")

    def __init__(
        self,
        number: int,
        line: int,
        text: str,
        done: bool,
        done_on: date | None = None,
        outcome: str | None = None,
        section: str | None = None,
    ) -> None:
        self.number = number
        self.line = line
        self.text = text
        self.done = done
        self.done_on = done_on
        self.outcome = outcome
        self.section = section

    def _key(self) -> tuple[object, ...]:
        return (
            self.number,
            self.line,
            self.text,
            self.done,
            self.done_on,
            self.outcome,
            self.section,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Action):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Action(number={self.number!r}, line={self.line!r}, text={self.text!r}, "
            f"done={self.done!r}, done_on={self.done_on!r}, outcome={self.outcome!r}, "
            f"section={self.section!r})"
        )


class Lesson:
    """One bullet item under a "Lessons" heading, with its #tags."""

    __slots__ = ("tags", "text")

    def __init__(self, text: str, tags: tuple[str, ...] = ()) -> None:
        self.text = text
        self.tags = tags

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Lesson):
            return NotImplemented
        return (self.text, self.tags) == (other.text, other.tags)

    def __hash__(self) -> int:
        return hash((self.text, self.tags))

    def __repr__(self) -> str:
        return f"Lesson(text={self.text!r}, tags={self.tags!r})"


# --- the shape of a body -------------------------------------------------------------------


class _Layout:
    """Which lines are code, where the headings and fences are."""

    __slots__ = ("code", "fences", "headings", "open_close", "open_start")

    def __init__(self) -> None:
        self.code: list[bool] = []
        # (line, level, title)
        self.headings: list[tuple[int, int, str]] = []
        # fence start line -> last line of the block (the closing fence, or the last line)
        self.fences: dict[int, int] = {}
        # for a fence still open at the end of the body: its first line, and the line that closes it
        self.open_start: int | None = None
        self.open_close = ""


def _scan(lines: list[str]) -> _Layout:
    layout = _Layout()
    code = layout.code = [False] * len(lines)
    fence_char = ""
    fence_len = 0
    fence_indent = ""
    start = 0
    for i, line in enumerate(lines):
        if fence_char:
            code[i] = True
            s = line.strip(" \t")
            if len(s) >= fence_len and s.count(fence_char) == len(s):
                layout.fences[start] = i
                fence_char = ""
            continue
        if "`" in line or "~" in line:
            m = _FENCE.match(line)
            if m and not (m.group(2)[0] == "`" and "`" in m.group(3)):
                fence_char = m.group(2)[0]
                fence_len = len(m.group(2))
                fence_indent = m.group(1)
                start = i
                code[i] = True
                continue
        if "#" in line:
            h = _HEADING.match(line)
            if h:
                layout.headings.append((i, len(h.group(1)), _clean_title(h.group(2))))
    if fence_char:
        layout.fences[start] = len(lines) - 1
        layout.open_start = start
        layout.open_close = fence_indent + fence_char * fence_len
    return layout


def _clean_title(raw: str) -> str:
    """A heading's text without its closing "#"s (a run of them at the end, alone or after a
    blank). Without a regular expression: one searched from every blank of a long run of
    them took time quadratic in the run."""
    text = raw.strip()
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1] in " \t"):
        return bare.strip()
    return text


def _norm_title(title: str) -> str:
    return " ".join(title.casefold().split()).rstrip(":").rstrip()


def _section_end(layout: _Layout, k: int, n_lines: int) -> int:
    """The line after the section of heading number k: the next heading of the same or a
    higher level, or the end of the body."""
    level = layout.headings[k][1]
    for line, other_level, _ in layout.headings[k + 1 :]:
        if other_level <= level:
            return line
    return n_lines


def _indent_width(line: str) -> int:
    width = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _fold(text: str) -> str:
    return _LINE_BREAKS.sub(" ", text).strip()


def _trim(lines: list[str]) -> str:
    """The lines without the blank lines around them, trailing whitespace removed."""
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return "\n".join(lines[start:end]).rstrip()


# --- action items --------------------------------------------------------------------------


# A suffix's head, from its "(done " to the end of the date and of any ":" after it; the rest
# of the line up to the closing ")" is the outcome.
_SUFFIX_HEAD = re.compile(r"\(done[ \t]+(\d{4}-\d{2}-\d{2})[ \t]*(:[ \t]*)?", re.IGNORECASE)


def _find_suffix(rest: str) -> tuple[int, int, date, str | None] | None:
    """The done suffix at the end of a checkbox line's text: (start, end, date, outcome).

    The suffix is a "(done DATE)" or "(done DATE: outcome)" group that closes at the end of the
    line. When several "(done " groups do, the last one whose outcome has balanced parentheses
    wins, so an outcome may itself contain "(...)"; failing that, the last one.

    Linear in the line: each candidate's head is matched where it starts (never scanning on to
    the end of the line), and whether an outcome is balanced comes from one right-to-left pass
    that all candidates share.
    """
    end = len(rest.rstrip())
    if not end or rest[end - 1] != ")":
        return None
    close = end - 1  # the ")" that closes the suffix
    starts = [m.start() for m in _SUFFIX_START.finditer(rest, 0, end)]
    if not starts:
        return None
    balanced: list[bool] | None = None  # made once, when a candidate has an outcome
    fallback: tuple[int, int, date, int] | None = None
    for start in reversed(starts):
        head = _SUFFIX_HEAD.match(rest, start, close)
        if head is None:
            continue
        # The head took the blanks after the date and after any ":", so what follows it is
        # either the closing ")" or the first character of something.
        after = head.end()
        if head.group(2) is None and after < close:
            continue  # "(done DATE something)": not a suffix
        try:
            on = date.fromisoformat(head.group(1))
        except ValueError:
            continue
        if after == close:
            return start, end, on, None
        if balanced is None:
            balanced = _balanced_to(rest, starts[0], close)
        if balanced[after - starts[0]]:
            return start, end, on, rest[after:close].strip() or None
        if fallback is None:
            fallback = (start, end, on, after)
    if fallback is None:
        return None
    start, end, on, after = fallback
    return start, end, on, rest[after:close].strip() or None


def _balanced_to(text: str, first: int, end: int) -> list[bool]:
    """For each i from `first` to `end`: whether text[i:end] has balanced parentheses. One
    pass from the right: a stretch is balanced when, read right to left, no "(" is left
    unmatched along the way and none of its ")" is left open at its start."""
    result = [False] * (end - first + 1)
    depth = 0  # ")" seen minus "(" seen, reading from the right
    ok = True  # no prefix (read from the right) went negative
    result[end - first] = True
    for i in range(end - 1, first - 1, -1):
        ch = text[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            depth -= 1
            if depth < 0:
                ok = False
        result[i - first] = ok and depth == 0
    return result


def _checkboxes(lines: list[str], code: list[bool]) -> list[tuple[int, re.Match[str]]]:
    found: list[tuple[int, re.Match[str]]] = []
    for i, line in enumerate(lines):
        if "[" in line and not code[i]:
            m = _CHECKBOX.match(line)
            if m:
                found.append((i, m))
    return found


def _action(number: int, index: int, m: re.Match[str], section: str | None) -> Action:
    rest = m.string[m.end() :]
    done = m.group(4) != " "
    suffix = _find_suffix(rest)
    if suffix is None:
        return Action(number, index, rest.strip(), done, None, None, section)
    start, _, on, outcome = suffix
    text = rest[:start].strip()
    if not done:  # a left-over suffix on an open box says nothing about the action
        return Action(number, index, text, False, None, None, section)
    return Action(number, index, text, True, on, outcome, section)


def parse_actions(body: str) -> list[Action]:
    """The checkbox lines of a body, numbered from 1 top to bottom.

    A line is an action when it is a list item ("-", "*" or "+", indented or not) starting with
    "[ ]", "[x]" or "[X]" and is not inside a fenced code block. A trailing "(done DATE)" or
    "(done DATE: outcome)" gives done_on and outcome and is not part of the text. Checkbox lines
    with no text are counted and returned too (with text ""), so numbers never depend on what a
    line says.
    """
    if "[" not in body:
        return []
    lines = body.split("\n")
    return _actions_in(lines, _scan(lines))


def parse_actions_and_lessons(body: str) -> tuple[list[Action], list[Lesson]]:
    """parse_actions and parse_lessons at once, with one pass over the body's lines."""
    actions, lessons, _ = parse_session_body(body)
    return actions, lessons


def parse_session_body(body: str) -> tuple[list[Action], list[Lesson], list[str]]:
    """parse_actions, parse_lessons and parse_advice at once: the body is split and its
    layout scanned once, which is most of the work of each (a first read does this for every
    session of the journal)."""
    boxes, headings = "[" in body, "#" in body
    if not boxes and not headings:
        return [], [], []
    lines = body.split("\n")
    layout = _scan(lines)
    actions = _actions_in(lines, layout) if boxes else []
    if not headings:
        return actions, [], []
    return actions, _all_lessons(lines, layout), _advice_in(lines, layout)


def _actions_in(lines: list[str], layout: _Layout) -> list[Action]:
    boxes = _checkboxes(lines, layout.code)
    headings = layout.headings
    result: list[Action] = []
    k = 0
    section: str | None = None
    for number, (index, m) in enumerate(boxes, start=1):
        while k < len(headings) and headings[k][0] < index:
            section = headings[k][2]
            k += 1
        result.append(_action(number, index, m, section))
    return result


def _locate(lines: list[str], number: int) -> tuple[int, re.Match[str], Action]:
    boxes = _checkboxes(lines, _scan(lines).code)
    if not 1 <= number <= len(boxes):
        count = len(boxes)
        if count == 0:
            has = "this session has no actions"
        elif count == 1:
            has = "this session has 1 action"
        else:
            has = f"this session has {count} actions (1-{count})"
        raise NotFound(f"no action {number}: {has}")
    index, m = boxes[number - 1]
    return index, m, _action(number, index, m, None)


def _suffix_text(on: date, outcome: str | None) -> str:
    return f"(done {on.isoformat()}: {outcome})" if outcome else f"(done {on.isoformat()})"


def tick_action(body: str, number: int, on: date, outcome: str | None = None) -> str:
    """Tick action `number` and append " (done DATE)" or " (done DATE: outcome)".

    Only that line changes. Newlines in the outcome become spaces; an empty outcome is none.
    Raises NotFound for a number the body does not have and Conflict when it is already done.
    """
    lines = body.split("\n")
    index, m, action = _locate(lines, number)
    if action.done:
        when = f" (on {action.done_on.isoformat()})" if action.done_on else ""
        raise Conflict(f"action {number} is already done{when}")
    note = _fold(outcome) if outcome is not None else ""
    line = lines[index]
    rest = line[m.end() :]
    suffix = _find_suffix(rest)  # a left-over suffix on an open box is replaced
    text_part = (rest[: suffix[0]] if suffix else rest).rstrip()
    trail = rest[len(rest.rstrip()) :]
    mark = m.start(4)
    new_rest = f"{text_part} {_suffix_text(on, note or None)}{trail}"
    new_line = line[:mark] + "x" + line[mark + 1 : m.end()] + new_rest
    check = _CHECKBOX.match(new_line)
    ticked = _action(number, index, check, None) if check else None
    if ticked is None or (ticked.text, ticked.done_on, ticked.outcome) != (
        text_part.strip(),
        on,
        note or None,
    ):
        raise UsageError(
            f"action {number} cannot be ticked with this outcome: it would not read back as written",
            hint='leave "(done " out of the outcome',
        )
    lines[index] = new_line
    return "\n".join(lines)


def reopen_action(body: str, number: int) -> str:
    """Un-tick action `number`: "[x]" becomes "[ ]" and the done suffix goes.

    Raises NotFound for a number the body does not have and Conflict when it is not done.
    """
    lines = body.split("\n")
    index, m, action = _locate(lines, number)
    if not action.done:
        raise Conflict(f"action {number} is not done")
    line = lines[index]
    rest = line[m.end() :]
    suffix = _find_suffix(rest)
    if suffix is not None:
        rest = rest[: suffix[0]].rstrip() + rest[suffix[1] :]
    mark = m.start(4)
    lines[index] = line[:mark] + " " + line[mark + 1 : m.end()] + rest
    return "\n".join(lines)


def _item_end(lines: list[str], layout: _Layout, index: int) -> int:
    """The last line of the list item that starts at `index`: its indented continuation lines,
    lazy continuation lines and fenced blocks indented under it."""
    indent = _indent_width(lines[index])
    heading_lines = {h[0] for h in layout.headings}
    end = index
    lazy = True  # an unindented line continues the item only right after its text
    j = index + 1
    while j < len(lines):
        line = lines[j]
        if j in layout.fences:
            if _indent_width(line) <= indent:
                break
            end = j = layout.fences[j]
            lazy = False
            j += 1
            continue
        if layout.code[j] or not line.strip() or j in heading_lines:
            break
        if _indent_width(line) > indent:
            end = j
            lazy = True
        elif lazy and not _LIST_ITEM.fullmatch(line) and not _THEMATIC_BREAK.fullmatch(line):
            end = j
        else:
            break
        j += 1
    return end


def add_action(body: str, text: str) -> str:
    """Add an open action "- [ ] text" that numbers after every existing one.

    It goes last in the (last) "Actions" section, in the style of that section's first checkbox
    line. When checkbox lines follow that section, it goes after the last checkbox item of the
    body instead, so no existing number changes. Without an "Actions" heading, "## Actions" is
    added at the end of the body. An empty "- [ ]" placeholder where the new item would go is
    filled instead of adding a line. Newlines in text become spaces; empty text is a UsageError.
    """
    item = _fold(text)
    if not item:
        raise UsageError("an action needs some text")
    lines = body.split("\n")
    layout = _scan(lines)
    boxes = _checkboxes(lines, layout.code)
    last_box = boxes[-1][0] if boxes else -1
    k_actions = None
    for k, (_, _, title) in enumerate(layout.headings):
        if _norm_title(title) == _ACTIONS_TITLE:
            k_actions = k
    if k_actions is None:
        return _append_actions_section(lines, layout, item)

    heading_line = layout.headings[k_actions][0]
    end = _section_end(layout, k_actions, len(lines))
    anchor = heading_line
    for j in range(end - 1, heading_line, -1):
        if lines[j].strip():
            anchor = j
            break
    style = next((m for i, m in boxes if heading_line < i < end), None)
    if anchor < last_box:
        style = boxes[-1][1]
        anchor = _item_end(lines, layout, last_box)

    if anchor == last_box:
        m = boxes[-1][1]
        if m.group(4) == " " and not m.string[m.end() :].strip():
            lines[last_box] = m.string[: m.end()] + " " + item
            return "\n".join(lines)

    prefix = f"{style.group(1)}{style.group(2)} " if style else "- "
    new: list[str] = []
    if layout.open_start is not None and layout.open_start <= anchor:
        new += [layout.open_close, ""]
    else:
        anchor_line = lines[anchor]
        if (
            anchor != heading_line
            and _indent_width(anchor_line) == 0
            and not _LIST_ITEM.fullmatch(anchor_line)
        ):
            new.append("")  # a list after a paragraph or a code block: keep them apart
    new.append(f"{prefix}[ ] {item}")
    following = lines[anchor + 1] if anchor + 1 < len(lines) else ""
    if following.strip() and not (
        _indent_width(following)
        or _HEADING.match(following)
        or _LIST_ITEM.fullmatch(following)
        or _THEMATIC_BREAK.fullmatch(following)
    ):
        new.append("")  # keep the paragraph that follows out of the new item
    lines[anchor + 1 : anchor + 1] = new
    return "\n".join(lines)


def _append_actions_section(lines: list[str], layout: _Layout, item: str) -> str:
    while lines and not lines[-1].strip():
        lines.pop()
    if layout.open_start is not None:
        lines.append(layout.open_close)
    if lines:
        lines.append("")
    lines += ["## Actions", f"- [ ] {item}", ""]
    return "\n".join(lines)


# --- lessons -------------------------------------------------------------------------------


def _tags(text: str) -> tuple[str, ...]:
    tags: list[str] = []
    for m in _TAG.finditer(_CODE_SPAN.sub(" ", text)):
        tag = m.group(1).rstrip("-").lower()
        if tag and not tag.isdigit() and tag not in tags:
            tags.append(tag)
    return tuple(tags)


def _lessons_in(lines: list[str], layout: _Layout, start: int, end: int) -> list[Lesson]:
    heading_lines = {h[0] for h in layout.headings}
    lessons: list[Lesson] = []
    parts: list[str] = []
    open_item = False
    item_indent = 0
    after_blank = False

    def flush() -> None:
        nonlocal open_item
        text = " ".join(p for p in parts if p)
        if text:
            lessons.append(Lesson(text, _tags(text)))
        parts.clear()
        open_item = False

    for j in range(start, end):
        line = lines[j]
        if layout.code[j] or j in heading_lines or _THEMATIC_BREAK.fullmatch(line):
            flush()
            continue
        stripped = line.strip()
        if not stripped:
            after_blank = True
            continue
        m = _LIST_ITEM.fullmatch(line)
        indent = _indent_width(line)
        if m:
            if open_item and indent > item_indent:
                parts.append((m.group(4) or "").strip())  # a nested item belongs to its parent
            else:
                flush()
                open_item = True
                item_indent = indent
                parts.append((m.group(4) or "").strip())
        elif open_item:
            if after_blank and indent <= item_indent:
                flush()  # a paragraph after the list
            else:
                parts.append(stripped)
        after_blank = False
    flush()
    return lessons


def parse_lessons(body: str) -> list[Lesson]:
    """The top-level list items under every "Lessons" heading (also "Lesson", "Lessons learned",
    "Stories", "Lessons and stories"; any level, any case), in order.

    An item's continuation lines and nested items are joined to it with spaces. A section ends
    at the next heading of the same or a higher level; lines in code fences are skipped. Tags
    are the "#words" of the text (not "C#", not "# heading", not inside `code`), lowercased,
    unique, in order.
    """
    if "#" not in body:
        return []
    lines = body.split("\n")
    return _all_lessons(lines, _scan(lines))


def _all_lessons(lines: list[str], layout: _Layout) -> list[Lesson]:
    lessons: list[Lesson] = []
    covered = -1
    for k, (line, _, title) in enumerate(layout.headings):
        if line < covered or not _LESSON_TITLES.fullmatch(_norm_title(title)):
            continue
        covered = _section_end(layout, k, len(lines))
        lessons += _lessons_in(lines, layout, line + 1, covered)
    return lessons


# --- sections ------------------------------------------------------------------------------


def heading_lines(body: str) -> frozenset[int]:
    """The numbers (from 0) of the body's lines that are headings, code blocks left out: what
    a view may draw as headings while showing every line as written."""
    return frozenset(index for index, _, _ in _scan(body.split("\n")).headings)


def sections(body: str) -> list[tuple[str | None, str]]:
    """The body split at every heading: (title, text under it up to the next heading).

    The text before the first heading comes first with the title None, and only when it is not
    blank. Texts lose the blank lines around them and trailing whitespace.
    """
    lines = body.split("\n")
    headings = _scan(lines).headings
    result: list[tuple[str | None, str]] = []
    first = headings[0][0] if headings else len(lines)
    preamble = _trim(lines[:first])
    if preamble:
        result.append((None, preamble))
    for k, (line, _, title) in enumerate(headings):
        nxt = headings[k + 1][0] if k + 1 < len(headings) else len(lines)
        result.append((title, _trim(lines[line + 1 : nxt])))
    return result


def section_text(body: str, title: str) -> str | None:
    """The stripped text under the first heading called `title` (case-insensitive), including
    any lower-level headings inside it; None when there is no such heading."""
    wanted = _norm_title(title)
    lines = body.split("\n")
    layout = _scan(lines)
    for k, (line, _, heading) in enumerate(layout.headings):
        if _norm_title(heading) == wanted:
            end = _section_end(layout, k, len(lines))
            return "\n".join(lines[line + 1 : end]).strip()
    return None


def build_body(parts: list[tuple[str, str]]) -> str:
    """("Agenda", "text") pairs as "## Agenda\\ntext\\n\\n## Notes\\n...\\n".

    Every part is kept; one with no text is a bare heading. No parts give "".
    """
    chunks = []
    for title, text in parts:
        heading = f"## {_fold(title)}".rstrip()
        content = _trim(text.split("\n"))
        chunks.append(f"{heading}\n{content}" if content else heading)
    return "\n\n".join(chunks) + "\n" if chunks else ""


def bullet_list(items: list[str], checkbox: bool = False) -> str:
    """ "- a\\n- b", or "- [ ] a\\n- [ ] b" with checkbox; no trailing newline; [] gives ""."""
    prefix = "- [ ] " if checkbox else "- "
    return "\n".join(prefix + _fold(item) for item in items)


def _content_lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.split("\n") if line.strip()]


def is_blank_template(body: str, template: str) -> bool:
    """Whether the body says nothing beyond the template it was opened with.

    True when it equals the template once trailing spaces and blank lines are ignored, or when
    every line is a heading, an empty bullet ("-", "- [ ]", "1."), an HTML comment or blank.
    """
    if _content_lines(body) == _content_lines(template):
        return True
    for line in _HTML_COMMENT.sub("", body).split("\n"):
        if line.strip() and not _HEADING.match(line) and not _EMPTY_BULLET.fullmatch(line):
            return False
    return True


# --- advice --------------------------------------------------------------------------------


def parse_advice(body: str) -> list[str]:
    """The advice of a body, numbered from 1 by position: the top-level list items under every
    "Advice" heading (also "Advice given", "Suggestions"; any level, any case), joined like
    lessons. A section with prose and no list gives one piece of advice per paragraph, so notes
    written before advice was counted keep what they said."""
    if "#" not in body:
        return []
    lines = body.split("\n")
    return _advice_in(lines, _scan(lines))


def _advice_in(lines: list[str], layout: _Layout) -> list[str]:
    advice: list[str] = []
    covered = -1
    for k, (line, _, title) in enumerate(layout.headings):
        if line < covered or not _ADVICE_TITLES.fullmatch(_norm_title(title)):
            continue
        covered = _section_end(layout, k, len(lines))
        items = [item.text for item in _lessons_in(lines, layout, line + 1, covered)]
        advice += items or _paragraphs(lines, layout, line + 1, covered)
    return advice


def _paragraphs(lines: list[str], layout: _Layout, start: int, end: int) -> list[str]:
    heading_lines = {h[0] for h in layout.headings}
    found: list[str] = []
    parts: list[str] = []
    for j in range(start, end + 1):
        line = lines[j].strip() if j < end else ""
        if not line or layout.code[j] or j in heading_lines or _HTML_COMMENT.fullmatch(line):
            if parts:
                found.append(" ".join(parts))
                parts.clear()
            continue
        parts.append(line)
    return found


def acts_on(text: str) -> int | None:
    """The number of the advice an action's text cites with "(advice N)", or None."""
    if "(" not in text:
        return None
    m = _ADVICE_MARK.search(text)
    return int(m.group(1)) if m else None


def without_citation(text: str) -> str:
    """An action's text without its "(advice N)", for a list that already names the advice."""
    if "(" not in text:
        return text
    return " ".join(_ADVICE_MARK.sub(" ", text).split())
