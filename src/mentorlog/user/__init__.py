"""The person's own settings: the environment, their config file, their editor templates and
their hooks. Read where they are used; nothing here reads the journal."""
