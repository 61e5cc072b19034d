"""Plain-text rules of the Markdown editor (no Qt): list continuation, spans, search, UTF-16."""
