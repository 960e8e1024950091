"""Use cases: what a command does, as plain functions over the journal. They return records
and results; they never print and never read the clock (`today` is a parameter)."""
