"""Markdown dialects: how one publishing target turns Markdown into HTML.

A dialect is a module in this package named after it (``-`` written as ``_``: the
``python-markdown`` dialect lives in ``python_markdown.py``) with a function
``create(*, spec_mode: bool) -> Dialect``. Adding a dialect is adding such a module.

``spec_mode`` turns off the site's render hooks (heading anchors, image figures, code
highlighting) and nothing of the parser, so the dialect can be checked against a spec's
expected HTML.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol, cast

from editor.core.render.model import RenderOptions

if TYPE_CHECKING:  # the parser itself loads with the first dialect, not with this list
    from editor.core.render.blocks import RawBlock

_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


class Dialect(Protocol):
    """Renders a document body (front matter already removed) for one publishing target."""

    @property
    def name(self) -> str:
        """The dialect's name, e.g. ``"goldmark"``."""
        ...

    def render_blocks(self, body: str, options: RenderOptions) -> Sequence[RawBlock]:
        """The body's top-level blocks, unsanitized, with 0-based body lines."""
        ...

    def render_html(self, body: str, options: RenderOptions) -> str:
        """The whole body as one unsanitized HTML fragment (for spec tests)."""
        ...


class UnknownDialectError(LookupError):
    """No dialect module has that name."""


def available_dialects() -> tuple[str, ...]:
    """Names of the dialects this installation has."""
    modules = pkgutil.iter_modules(__path__)
    return tuple(sorted(module.name.replace("_", "-") for module in modules))


@lru_cache(maxsize=16)
def get_dialect(name: str, *, spec_mode: bool = False) -> Dialect:
    """The dialect called ``name`` (created once, then shared)."""
    if not _NAME.match(name) or name not in available_dialects():
        raise UnknownDialectError(f"There is no Markdown dialect called {name!r}.")
    module = importlib.import_module(f"{__name__}.{name.replace('-', '_')}")
    return cast(Dialect, module.create(spec_mode=spec_mode))
