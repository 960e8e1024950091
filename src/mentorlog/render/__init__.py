"""Views: each module turns records into one output form. Renderers build; the CLI prints."""
