"""markdown-it-py plugins that make it render like Goldmark (and, later, other engines)."""
