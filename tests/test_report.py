"""`mentorlog report`: one self-contained HTML page with the charts as SVG, goals over time
and the team's coverage; user text escaped; confidential notes left out unless asked for."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from journal_builder import Builder, d

HOSTILE = '<script>alert("x")</script> & "quoted"'


@pytest.fixture
def hostile(journal_dir):
    b = Builder(journal_dir)
    b.mentor("eve", name=f"Eve {HOSTILE}", cadence="2w", since=d("2026-06-01"), stage="peer")
    b.mentor("sam", name="Sam Senior", cadence="1m", since=d("2026-06-01"), stage="senior")
    b.goal(
        "g",
        title=f"Goal {HOSTILE}",
        mentors=["eve"],
        created=d("2026-06-01"),
        progress=[{"date": d("2026-07-01"), "note": f"moved {HOSTILE}"}],
    )
    b.session("eve", "2026-06-01", kind="check-in", topic=f"secret {HOSTILE}", confidential=True)
    b.session(
        "sam",
        "2026-07-01",
        "## Lessons\n- ask early\n",
        kind="check-in",
        topic="shareable topic",
        confidential=False,
    )
    b.session("eve", "2026-09-01", "## Lessons\n- hidden lesson\n", topic="private call")
    return b


def page(run, tmp_path: Path, *args: str) -> str:
    target = tmp_path / "out" / "report.html"
    target.parent.mkdir(exist_ok=True)
    if target.exists():
        target.unlink()
    result = run("report", "-o", str(target), *args)
    assert result.exit_code == 0, result.stderr
    return target.read_text(encoding="utf-8")


def test_user_text_is_escaped_everywhere(run, hostile, tmp_path):
    html = page(run, tmp_path, "--include-confidential")
    assert "<script>alert" not in html
    assert html.count("<script>") == 1  # the page's own, and nothing else
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quoted&quot;" in html
    assert "secret &lt;script&gt;" in html
    assert "moved &lt;script&gt;" in html


def test_confidential_topics_and_lessons_stay_out_unless_asked(run, hostile, tmp_path):
    html = page(run, tmp_path)
    assert "secret" not in html and "private call" not in html and "hidden lesson" not in html
    assert "shareable topic" in html and "ask early" in html
    assert "2 confidential contacts shown by date only" in html
    asked = page(run, tmp_path, "--include-confidential")
    assert "private call" in asked and "hidden lesson" in asked
    assert "confidential contact" not in asked


def test_the_page_is_self_contained(run, example_dir, tmp_path):
    html = page(run, tmp_path, "--as-of", "2026-11-23")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "@import" not in html and "url(" not in html
    assert html.count("<svg") == 2
    for name in ("Ruth", "Tomas", "Marcus", "Helen", "Walter"):
        assert name in html
    for stage in ("Senior", "Peer", "Near-peer", "Junior", "Outsider"):
        assert f"<h3>{stage}:" in html
    assert "Present the budget to council" in html


def test_report_writes_a_private_file_and_refuses_to_replace_one(run, example_dir, tmp_path):
    target = tmp_path / "r.html"
    assert run("report", "-o", str(target)).exit_code == 0
    assert (target.stat().st_mode & 0o777) == 0o600
    again = run("report", "-o", str(target))
    assert again.exit_code != 0 and "already exists" in again.stderr
    assert "Traceback" not in again.stderr
    assert run("report", "-o", str(target), "--force").exit_code == 0


def test_report_refuses_a_since_after_the_end(run, example_dir, tmp_path):
    result = run("report", "-o", str(tmp_path / "r.html"), "--since", "2026-12-01")
    assert result.exit_code != 0 and "--since" in result.stderr
    assert not (tmp_path / "r.html").exists()


def test_everyday_commands_do_not_load_the_report():
    code = (
        "import sys; from mentorlog.__main__ import main; main(['team']); "
        "print([m for m in sys.modules if 'report' in m])"
    )
    env = {**os.environ, "MENTORLOG_DIR": str(Path(__file__).parent.parent / "examples/journal")}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (CI installs it)")
def test_the_report_opens_in_a_real_browser(run, example_dir, tmp_path):
    html_file = tmp_path / "report.html"
    assert run("report", "-o", str(html_file), "--as-of", "2026-11-23").exit_code == 0
    out_dir = Path(os.environ.get("CI_ARTIFACTS") or tmp_path)
    out_dir.mkdir(parents=True, exist_ok=True)
    shot = out_dir / "report.png"
    base = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--enable-logging=stderr",
        "--v=0",
    ]
    url = html_file.as_uri()
    dom = subprocess.run([*base, "--dump-dom", url], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    # the inline script ran to its end: no error stopped it, and it found both charts
    assert 'data-drawn="2"' in dom.stdout
    assert dom.stdout.count("<svg") == 2
    for name in ("Ruth", "Tomas", "Marcus", "Helen", "Walter"):
        assert name in dom.stdout
    assert "Uncaught" not in dom.stderr  # how chromium logs a script error on the page
    snap = subprocess.run(
        [*base, f"--screenshot={shot}", "--window-size=1200,1600", url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert snap.returncode == 0, snap.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # a drawn page, not a blank one
