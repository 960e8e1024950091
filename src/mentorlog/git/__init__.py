"""The journal's history in git."""
