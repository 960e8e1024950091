"""One module per command or command group: parse, call a use case, render."""
