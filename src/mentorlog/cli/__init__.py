"""The command line: a thin layer that parses arguments, calls services and prints."""
