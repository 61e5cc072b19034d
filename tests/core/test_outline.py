"""The outline lists the headings a reader will see, with the anchors the site gives them."""

from __future__ import annotations

from editor.core.text.outline import Heading, outline

POST = """\
---
title: "# Not a heading"
---
# Top

Text with a # sign.

## A **bold** `code` heading {#custom-id}

```markdown
# Inside a fence
```

Setext heading
--------------

## Top

> ## Quoted heading

- ## Heading in a list
"""


def test_headings_with_lines_levels_and_site_anchors() -> None:
    assert outline(POST) == [
        Heading(1, "Top", 3, "top"),
        Heading(2, "A bold code heading", 7, "custom-id"),
        Heading(2, "Setext heading", 13, "setext-heading"),
        Heading(2, "Top", 16, "top-1"),
    ]


def test_a_post_without_headings_has_an_empty_outline() -> None:
    assert outline("Just a paragraph.\n") == []
    assert outline("") == []
