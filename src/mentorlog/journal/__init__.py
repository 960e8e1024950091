"""The only package that touches the journal's files: where they are, reading, writing, the index."""
