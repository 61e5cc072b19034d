"""``render_document``: a whole document (front matter included) to sanitized blocks."""

from __future__ import annotations

from hashlib import blake2b

from editor.core.front_matter import FrontMatterSplit, other_front_matter, split_front_matter
from editor.core.render.blocks import RawBlock
from editor.core.render.dialects import get_dialect
from editor.core.render.front_matter_check import front_matter_problem
from editor.core.render.model import RenderedBlock, RenderOptions, RenderResult
from editor.core.render.post_header import post_header_html
from editor.core.render.remote import block_remote_content
from editor.core.render.sanitize import sanitize_html

_DEFAULT_OPTIONS = RenderOptions()


def render_document(text: str, options: RenderOptions = _DEFAULT_OPTIONS) -> RenderResult:
    """Render ``text`` (decoded, any line endings) with ``options.dialect``.

    The front matter is not rendered (with ``options.post_header``, the site's header made
    from it is the first block, covering its lines); a problem with it is reported instead.
    Every top-level block of the body becomes one sanitized :class:`RenderedBlock` whose lines
    are lines of ``text``.
    """
    split = _split(text)
    raw_blocks = get_dialect(options.dialect).render_blocks(split.body, options)
    blocks = tuple(_finish(raw, split.body_start_line, options) for raw in raw_blocks)
    if options.post_header:
        header = RawBlock(post_header_html(text, split), 0, split.body_start_line)
        blocks = (_finish(header, 0, options), *blocks)
    problem, problem_line = front_matter_problem(text, split)
    return RenderResult(
        blocks=blocks,
        front_matter_problem=problem,
        front_matter_problem_line=problem_line,
        allow_remote=options.allow_remote,
    )


def _split(text: str) -> FrontMatterSplit:
    """The YAML front matter and the body; TOML or JSON front matter is left out of the body
    too (as Hugo does), though only YAML is read."""
    split = split_front_matter(text)
    other = other_front_matter(text) if split.raw is None else None
    if other is None:
        return split
    _format, body_line = other
    lines = text.splitlines(keepends=True)
    return FrontMatterSplit(raw=None, body="".join(lines[body_line:]), body_start_line=body_line)


def _finish(raw: RawBlock, line_offset: int, options: RenderOptions) -> RenderedBlock:
    """Sanitize one block, block remote content if needed, and place it in the document."""
    html = sanitize_html(raw.html)
    if not options.allow_remote:
        html = block_remote_content(html)
    start, end = raw.start_line + line_offset, raw.end_line + line_offset
    return RenderedBlock(key=block_key(html), html=html, start_line=start, end_line=end)


def block_key(html: str) -> str:
    """A short digest of a block's HTML: equal keys mean the page need not rebuild the block.

    Lines are deliberately left out: a line inserted above a block moves it without changing
    it, and the preview then only updates its ``data-line`` instead of rebuilding it.
    """
    return blake2b(html.encode(), digest_size=12).hexdigest()
