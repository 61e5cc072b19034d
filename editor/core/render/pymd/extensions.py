"""The pieces the ``python-markdown`` dialect adds to a Python-Markdown instance.

* :class:`ChunkState` wraps the footnotes and table-of-contents tree processors so that a
  document rendered chunk by chunk numbers its footnotes once, lists them once at the end, and
  gives its headings ids that are unique in the whole document, as one conversion would.
* :class:`StackedTabs` shows a tab set (``=== "Title"``) as its tabs one below the other, each
  under its title: the site switches tabs with radio buttons, which the preview does not run.
* :func:`code_fence` highlights fenced code with the preview's highlighter.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any
from xml.etree import ElementTree

from markdown import Markdown
from markdown.extensions.toc import unique
from markdown.treeprocessors import Treeprocessor

from editor.core.render.highlight import highlight_code

#: Python-Markdown's own placeholder for "put the footnotes here".
FOOTNOTES_MARKER = "///Footnotes Go Here///"
_PLAIN = "text"


class ChunkState:
    """What must be shared between the chunks of one document; reset per document."""

    def __init__(self) -> None:
        self.footnotes_wanted = False
        self.used_ids: set[str] = set()

    def reset(self) -> None:
        self.footnotes_wanted = False
        self.used_ids.clear()

    def install(self, md: Markdown) -> None:
        """Wrap ``md``'s ``footnote`` and ``toc`` tree processors (when it has them)."""
        if "footnote" in md.treeprocessors:
            footnotes = md.treeprocessors["footnote"]
            md.treeprocessors.register(_Gated(md, footnotes, self), "footnote", 50)
        if "toc" in md.treeprocessors:
            toc = md.treeprocessors["toc"]
            md.treeprocessors.register(_DocumentIds(md, toc, self), "toc", 5)


class _Gated(Treeprocessor):
    """Adds the footnote list only when the document's footnotes are wanted (the last step)."""

    def __init__(self, md: Markdown, inner: Treeprocessor, state: ChunkState) -> None:
        super().__init__(md)
        self._inner, self._state = inner, state

    def run(self, root: ElementTree.Element) -> ElementTree.Element | None:
        if self._state.footnotes_wanted:
            return self._inner.run(root)
        return None


class _DocumentIds(Treeprocessor):
    """Runs the table of contents, then makes new heading ids unique in the whole document.

    Python-Markdown's ``unique`` adds ``_1``, ``_2``… to an id used before; ids written by the
    author (``{#id}``) are left alone, as Python-Markdown leaves them.
    """

    def __init__(self, md: Markdown, inner: Treeprocessor, state: ChunkState) -> None:
        super().__init__(md)
        self._inner, self._state = inner, state

    def run(self, root: ElementTree.Element) -> ElementTree.Element | None:
        written = {id(element) for element in root.iter() if "id" in element.attrib}
        result = self._inner.run(root)
        used = self._state.used_ids
        here = {str(element.get("id")) for element in root.iter() if element.get("id")}
        if not used.isdisjoint(here):
            taken = used | here
            for element in root.iter():
                old = element.get("id")
                if (
                    old in used
                    and id(element) not in written
                    and isinstance(element.tag, str)
                    and _HEADING.match(element.tag)
                ):
                    _rename(element, old, unique(old, taken))
        used.update(str(element.get("id")) for element in root.iter() if element.get("id"))
        return result


_HEADING = re.compile(r"^h[1-6]$")


def _rename(heading: ElementTree.Element, old: str, new: str) -> None:
    """Give ``heading`` the id ``new``, and its permalink the matching address."""
    heading.set("id", new)
    for link in heading.iter("a"):
        if link.get("href") == f"#{old}":
            link.set("href", f"#{new}")


class StackedTabs(Treeprocessor):
    """Tab sets in pymdownx.tabbed's "alternate" shape, rewritten to show every tab.

    ``<div class="tabbed-set">`` keeps its class; the radio inputs and the label strip go; each
    ``<div class="tabbed-block">`` starts with ``<div class="tabbed-title">`` holding its
    label's content.
    """

    def run(self, root: ElementTree.Element) -> None:
        for tab_set in list(root.iter("div")):
            if "tabbed-set" in (tab_set.get("class") or "").split():
                _stack(tab_set)


def _stack(tab_set: ElementTree.Element) -> None:
    labels: list[ElementTree.Element] = []
    for child in list(tab_set):
        if child.tag == "input":
            tab_set.remove(child)
        elif child.tag == "div" and child.get("class") == "tabbed-labels":
            labels = list(child)
            tab_set.remove(child)
    tab_set.attrib.pop("data-tabs", None)
    content = next((c for c in tab_set if c.get("class") == "tabbed-content"), None)
    blocks = list(content) if content is not None else []
    for label, block in zip(labels, blocks, strict=False):
        title = ElementTree.Element("div", {"class": "tabbed-title"})
        title.text, title.tail = label.text, "\n"
        title.extend(list(label))
        block.insert(0, title)


def code_fence(
    source: str,
    language: str,
    _class_name: str,
    options: dict[str, Any],
    _md: Markdown,
    **_kwargs: Any,
) -> str:
    """A fenced block as SuperFences formats one, highlighted like the rest of the preview.

    A ``title="…"`` option becomes the file name shown above the code, as on MkDocs Material.
    """
    html = highlight_code(source, language or _PLAIN)
    title = options.get("title")
    if isinstance(title, str) and title:
        html = html.replace(
            '<div class="highlight">',
            f'<div class="highlight"><span class="filename">{escape(title)}</span>',
            1,
        )
    return html


def accept_fence_options(
    _language: str,
    inputs: dict[str, str],
    options: dict[str, Any],
    _attrs: dict[str, str],
    _md: Markdown,
) -> bool:
    """SuperFences' validator: every option is accepted (``title`` is used, others ignored)."""
    options.update(inputs)
    return True
