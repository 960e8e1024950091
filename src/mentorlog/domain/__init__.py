"""The journal's records and the rules about them: plain Python, no files, no clock."""
