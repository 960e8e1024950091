"""The plain table writer gives, byte for byte, what rich prints for the same table into a pipe
or a file: random tables of every kind of text the journal can hold, compared both ways."""

from __future__ import annotations

import io

from hypothesis import example, given
from hypothesis import strategies as st

from mentorlog.render import plain_table, text_safety
from mentorlog.render.plain_table import PROSE_COLUMNS
from mentorlog.render.tables import SafeConsole, from_listing

# Text as people write it and as hostile files hold it: accents, wide CJK letters, combining
# marks, emoji sequences, invisible and control characters (escaped by text_safety), spaces.
PIECES = st.sampled_from(
    [
        "a",
        "Zoë",
        "Łukasz",
        "中文字",
        "ｶﾀｶﾅ",
        "e\u0301",
        "\u0301",
        "\u200d",
        "👩\u200d💻",
        "❤\ufe0f",
        "\ufe0f",
        "—",
        " ",
        "  ",
        "\t",
        "\n",
        "\x1b[31m",
        "\x7f",
        "\u202e",
        "\u00a0",
        "\u2028",
        "\ud800",
        "\U0001f600",
        "ß",
        "한국어",
        "🇫🇷",
        "\u0e01\u0e34",
    ]
)
TEXT = st.one_of(
    st.text(max_size=12),
    st.lists(PIECES, max_size=5).map("".join),
)
# Headers are the program's own words: printable (the writer leaves anything else to rich).
HEADERS = st.one_of(
    st.sampled_from([*sorted(PROSE_COLUMNS), "id", "date", "kind"]),
    TEXT.filter(str.isprintable),
)


@st.composite
def listings(draw: st.DrawFn) -> plain_table.Listing:
    columns = tuple(draw(st.lists(HEADERS, min_size=1, max_size=5)))
    title = draw(st.one_of(st.none(), TEXT))
    result = plain_table.listing(*columns, title=title)
    for _ in range(draw(st.integers(0, 6))):
        cells = draw(st.lists(TEXT, min_size=len(columns), max_size=len(columns)))
        result.add(*cells, style=draw(st.sampled_from(["", "dim"])))
    return result


def through_rich(table: plain_table.Listing, plain_style: bool) -> str:
    buffer = io.StringIO()
    console = SafeConsole(plain_style=plain_style, unbounded=True, soft_wrap=False, file=buffer)
    console.print(from_listing(table))
    return buffer.getvalue()


@given(listings(), st.booleans())
@example(plain_table.listing("", title=None), False)
@example(plain_table.listing("id", "who", title="Your team"), False)
def test_the_plain_writer_prints_what_rich_prints_into_a_pipe(
    table: plain_table.Listing, plain_style: bool
) -> None:
    written = plain_table.text(table)
    if written is None:
        # Left to rich: emoji sequences (a zero-width joiner or the emoji variation selector),
        # which rich measures its own way, and a title wider than the table, which it wraps.
        cells = [cell for row in table.rows for cell in row] + [table.title or ""]
        if any("\u200d" in cell or "\ufe0f" in cell for cell in cells):
            return
        assert table.title
        table_width = plain_table.cell_width(through_rich(table, False).split("\n")[-2])
        assert plain_table.cell_width(text_safety.line(table.title)) > table_width
        return
    assert written == through_rich(table, plain_style)


def test_a_table_of_mentors_is_the_same_both_ways() -> None:
    table = plain_table.listing("id", "stage", "cadence", "status", "who")
    table.add("ruth", "senior", "2w", "active", "Ruth Castellanos, Head of Finance, Ayuntamiento")
    table.add("zoe", "—", "4w (default)", "paused until 2026-12-01", "Zoë 中村", style="dim")
    written = plain_table.text(table)
    assert written == through_rich(table, False)
    assert written is not None
    assert " zoe    —        4w (default)   paused until 2026-12-01   Zoë 中村 " in written
