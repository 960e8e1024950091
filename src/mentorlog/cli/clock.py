"""The one place that reads the clock. Everything else is given `today`."""

from __future__ import annotations

import os
from datetime import date, datetime, time

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


def now() -> datetime:
    """The time now in the local zone; with $MENTORLOG_TODAY, the last moment of that day."""
    if os.environ.get(ENV_TODAY):
        return datetime.combine(today(), time.max).astimezone()
    return datetime.now().astimezone()
