"""mentorlog: a personal mentorship journal kept as plain files."""

__version__ = "0.1.0"
