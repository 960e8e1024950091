"""The one place that reads the clock. Everything else is given `today`."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time

ENV_TODAY = "MENTORLOG_TODAY"


def today() -> date:
    """Today's date, or $MENTORLOG_TODAY (YYYY-MM-DD) to replay a day in scripts and tests."""
    pinned = os.environ.get(ENV_TODAY)
    if pinned:
        from mentorlog.errors import UsageError

        try:
            return date.fromisoformat(pinned)
        except ValueError:
            raise UsageError(
                f"{ENV_TODAY}={pinned!r} is not a date", "set it to YYYY-MM-DD or unset it"
            ) from None
    return date.today()


ENV_NOW = "MENTORLOG_NOW"


def now() -> datetime:
    """The local wall-clock time (naive), or $MENTORLOG_NOW (YYYY-MM-DDTHH:MM); with only
    $MENTORLOG_TODAY pinned, the start of that day, so a replayed day never depends on the
    hour it is replayed at."""
    pinned = os.environ.get(ENV_NOW)
    if pinned:
        from mentorlog.errors import UsageError

        try:
            return datetime.fromisoformat(pinned).replace(tzinfo=None, second=0, microsecond=0)
        except ValueError:
            raise UsageError(
                f"{ENV_NOW}={pinned!r} is not a date and time",
                "set it to YYYY-MM-DDTHH:MM or unset it",
            ) from None
    if os.environ.get(ENV_TODAY):
        return datetime.combine(today(), time())
    return datetime.now().replace(second=0, microsecond=0)


def utc_now() -> datetime:
    """The real time in UTC (for DTSTAMP), following a pinned $MENTORLOG_NOW/TODAY."""
    if os.environ.get(ENV_NOW) or os.environ.get(ENV_TODAY):
        return now().astimezone(UTC).replace(microsecond=0)
    return datetime.now(UTC).replace(microsecond=0)


def local_now() -> datetime:
    """The time now in the local zone, aware; with $MENTORLOG_TODAY pinned, the last moment of
    that day (what has happened "by now" on a replayed day: all of it)."""
    if os.environ.get(ENV_TODAY):
        return datetime.combine(today(), time.max).astimezone()
    return datetime.now().astimezone()
