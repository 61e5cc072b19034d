"""Where Markdown constructs sit in one line of text, as ``(start, end, style)`` spans.

Pure Python, no Qt: :mod:`editor.ui.editor.highlighter` turns the spans into formats. Offsets
are Python string indices. Every pattern is compiled once; each group of rules is skipped when
the characters it needs are absent, so a plain prose line costs a handful of ``in`` tests.

Styles are plain names (``"heading"``, ``"code"`` …); :data:`STYLE_PRIORITY` orders them from
the weakest to the strongest when spans overlap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

Span = tuple[int, int, str]

STYLE_PRIORITY: tuple[str, ...] = (
    "fm_value",
    "fm_key",
    "fm_comment",
    "fm_fence",
    "code_block",
    "code_fence",
    "code_info",
    "quote_text",
    "heading",
    "link_text",
    "strong",
    "emphasis",
    "strike",
    "rule",
    "list_marker",
    "quote_marker",
    "heading_marker",
    "link_url",
    "image",
    "footnote",
    "html",
    "autolink",
    "comment",
    "shortcode",
    "code",
)

# Line-level Markdown
ATX_HEADING = re.compile(r" {0,3}(#{1,6})(?=[ \t]|$)")
SETEXT_UNDERLINE = re.compile(r" {0,3}(?:=+|-{2,})[ \t]*$")
THEMATIC_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
QUOTE_PREFIX = re.compile(r"(?: {0,3}>[ ]?)+")
LIST_MARKER = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)(?:[ \t]+\[[ xX]\](?=[ \t]|$))?")
REFERENCE_DEFINITION = re.compile(
    r" {0,3}(\[[^\]^][^\]]*\]):[ \t]*(\S+)?(?:[ \t]+(\"[^\"]*\"|'[^']*'|\([^)]*\)))?[ \t]*$"
)
FOOTNOTE_DEFINITION = re.compile(r" {0,3}(\[\^[^\]\s]+\]):")
FENCE_OPEN = re.compile(r"([ \t]*)(`{3,}|~{3,})(.*)$")
FENCE_CLOSE = re.compile(r"[ \t]*(`{3,}|~{3,})[ \t]*$")
NOT_PARAGRAPH = re.compile(
    r"[ \t]*$| {0,3}(?:#{1,6}(?:[ \t]|$)|>|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)"
    r"|```|~~~|<!--|\{\{[<%]|(?:[-=_*][ \t]*){3,}$)"
)

# Inline Markdown
PROTECTED = re.compile(
    r"(?P<code>(?<!`)(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`))"
    r"|(?P<comment><!--.*?-->)"
    r"|(?P<shortcode>\{\{<.*?>\}\}|\{\{%.*?%\}\})"
)
UNCLOSED_OPENER = re.compile(r"<!--|\{\{<|\{\{%")
AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
_LINK_TEXT = r"\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]"
_LINK_TARGET = (
    r"\((?P<url>[ \t]*(?:<[^<>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)"
    r"(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*)\)"
)
IMAGE = re.compile(r"!" + _LINK_TEXT + _LINK_TARGET)
LINK = re.compile(r"(?<!!)" + _LINK_TEXT + _LINK_TARGET)
REFERENCE_LINK = re.compile(r"(?<!\])" + _LINK_TEXT + r"(?P<ref>\[[^\[\]]*\])")
FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
BARE_URL = re.compile(r"(?<![\w/@.])(?:https?://|www\.)[^\s<>\x00]*[^\s<>\x00.,;:!?'\")\]*_~]")
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")
STRONG_EMPHASIS = re.compile(r"(?<![*\w])\*\*\*(?=\S)(.+?)(?<=\S)\*\*\*(?!\*)")
STRONG = (
    re.compile(r"(?<!\*)\*\*(?![\s*])(.+?)(?<![\s*])\*\*(?!\*)"),
    re.compile(r"(?<![\w_])__(?![\s_])(.+?)(?<![\s_])__(?![\w_])"),
)
EMPHASIS = (
    re.compile(r"(?<!\*)\*(?![\s*])(.+?)(?<![\s*])\*(?!\*)"),
    re.compile(r"(?<![\w_])_(?![\s_])(.+?)(?<![\s_])_(?![\w_])"),
)
STRIKE = re.compile(r"(?<!~)~~(?=\S)(.+?)(?<=\S)~~(?!~)")

# YAML front matter
FRONT_MATTER_FENCE = "---"
YAML_COMMENT = re.compile(r"(?:^|(?<=\s))#.*$")
YAML_KEY = re.compile(r"[ \t]*(?:-[ \t]+)?(\"[^\"]*\"|'[^']*'|[^\s:#\"'-][^:#]*?)[ \t]*:(?=\s|$)")
YAML_ITEM = re.compile(r"[ \t]*(-)(?=\s|$)")

MASK = "\x00"
_OPENER_STYLE = {"<!--": "comment", "{{<": "shortcode", "{{%": "shortcode"}
# The closing text of each construct that may run on to the next line.
CLOSERS = {"comment": "-->", "shortcode_angle": ">}}", "shortcode_percent": "%}}"}
_OPENER_CONTINUATION = {"<!--": "comment", "{{<": "shortcode_angle", "{{%": "shortcode_percent"}


@dataclass(slots=True)
class InlineResult:
    """The inline spans of one line, and what stays open at its end."""

    spans: list[Span] = field(default_factory=list)
    open_construct: str | None = None  # a key of CLOSERS, when the line ends inside one


def is_paragraph_line(text: str) -> bool:
    """Whether ``text`` reads as plain paragraph text (so a setext underline may follow)."""
    return NOT_PARAGRAPH.match(text) is None


def is_setext_underline(text: str) -> bool:
    """Whether ``text`` could underline the paragraph above it into a heading."""
    return SETEXT_UNDERLINE.match(text) is not None


def fence_opening(text: str) -> tuple[str, int, Span, Span | None] | None:
    """``(fence char, fence length, fence span, info-string span)`` if ``text`` opens a fence."""
    found = FENCE_OPEN.match(text)
    if found is None:
        return None
    fence, info = found.group(2), found.group(3)
    if fence[0] == "`" and "`" in info:
        return None
    fence_span = (found.start(2), found.end(2), "code_fence")
    info_span = (found.start(3), found.end(3), "code_info") if info.strip() else None
    return fence[0], len(fence), fence_span, info_span


def closes_fence(text: str, char: str, length: int) -> bool:
    """Whether ``text`` closes a fence opened with ``length`` times ``char``."""
    found = FENCE_CLOSE.match(text)
    return found is not None and found.group(1)[0] == char and len(found.group(1)) >= length


def front_matter_spans(text: str) -> list[Span]:
    """Spans of one YAML line inside the front matter."""
    spans: list[Span] = []
    comment = YAML_COMMENT.search(text) if "#" in text else None
    end = comment.start() if comment else len(text)
    if comment:
        spans.append((comment.start(), comment.end(), "fm_comment"))
    key = YAML_KEY.match(text, 0, end)
    if key:
        spans.append((key.start(1), key.end(1), "fm_key"))
        value_start = key.end()
    else:
        item = YAML_ITEM.match(text, 0, end)
        if item:
            spans.append((item.start(1), item.end(1), "list_marker"))
        value_start = item.end() if item else 0
    if text[value_start:end].strip():
        spans.append((value_start, end, "fm_value"))
    return spans


def block_spans(
    text: str, previous_is_paragraph: bool, setext_text: bool
) -> tuple[list[Span], int]:
    """Spans of the line-level constructs, and where the inline content starts.

    ``previous_is_paragraph`` tells whether the line above is plain paragraph text (so this
    line may be a setext underline); ``setext_text`` whether the line below underlines this
    one into a setext heading.
    """
    if previous_is_paragraph and is_setext_underline(text):
        return [(0, len(text), "heading_marker")], len(text)
    if THEMATIC_BREAK.match(text):
        return [(0, len(text), "rule")], len(text)
    spans: list[Span] = []
    start = _quote_spans(text, spans)
    heading = ATX_HEADING.match(text, start)
    if heading:
        spans.append((start, len(text), "heading"))
        spans.append((heading.start(1), heading.end(1), "heading_marker"))
        return spans, heading.end()
    definition = _definition_spans(text, start) if "]:" in text else None
    if definition is not None:
        return spans + definition[0], definition[1]
    marker = LIST_MARKER.match(text, start)
    if marker:
        spans.append((start, marker.end(), "list_marker"))
        return spans, marker.end()
    if setext_text:
        spans.append((0, len(text), "heading"))
    return spans, start


def _quote_spans(text: str, spans: list[Span]) -> int:
    """Add the blockquote marker and body spans; return where the quoted content starts."""
    if ">" not in text:
        return 0
    quote = QUOTE_PREFIX.match(text)
    if quote is None:
        return 0
    spans.append((0, quote.end(), "quote_marker"))
    spans.append((quote.end(), len(text), "quote_text"))
    return quote.end()


def _definition_spans(text: str, start: int) -> tuple[list[Span], int] | None:
    """Spans of a footnote or link reference definition (``[^1]: …``, ``[id]: url``)."""
    footnote = FOOTNOTE_DEFINITION.match(text, start)
    if footnote:
        return [(footnote.start(1), footnote.end(1), "footnote")], footnote.end()
    definition = REFERENCE_DEFINITION.match(text, start)
    if definition is None:
        return None
    spans = [(definition.start(1), definition.end(1), "link_text")]
    if definition.group(2):
        spans.append((definition.start(2), definition.end(), "link_url"))
    return spans, len(text)


def continuation_spans(text: str, construct: str) -> tuple[Span, bool]:
    """The span a comment or shortcode carried over from the line above covers in ``text``.

    Returns the span and whether the construct closes on this line.
    """
    closer = CLOSERS[construct]
    end = text.find(closer)
    style = "comment" if construct == "comment" else "shortcode"
    if end < 0:
        return (0, len(text), style), False
    return (0, end + len(closer), style), True


def inline_spans(text: str, start: int = 0) -> InlineResult:
    """Spans of the inline constructs from ``start`` to the end of the line."""
    result = InlineResult()
    masked = MASK * start + text[start:]
    masked = _protected_spans(masked, result)
    masked = _link_spans(masked, result.spans)
    if "\\" in masked:
        masked = _mask_matches(ESCAPE, masked, [], None)
    _emphasis_spans(masked, result.spans)
    return result


def _protected_spans(masked: str, result: InlineResult) -> str:
    """Code spans, comments, shortcodes and autolinks: nothing inside them is Markdown."""
    if "`" in masked or "<!--" in masked or "{{" in masked:
        for found in PROTECTED.finditer(masked):
            style = found.lastgroup if found.lastgroup != "ticks" else "code"
            result.spans.append((found.start(), found.end(), style or "code"))
            masked = _mask(masked, found.start(), found.end())
        opener = UNCLOSED_OPENER.search(masked)
        if opener:
            result.spans.append((opener.start(), len(masked), _OPENER_STYLE[opener.group()]))
            result.open_construct = _OPENER_CONTINUATION[opener.group()]
            masked = _mask(masked, opener.start(), len(masked))
    if "<" in masked:
        masked = _mask_matches(AUTOLINK, masked, result.spans, "autolink")
    return masked


def _link_spans(masked: str, spans: list[Span]) -> str:
    """Images, links, footnote references, bare URLs and HTML tags."""
    if "[" in masked:
        for pattern, style in ((IMAGE, "image"), (LINK, "link_text")):
            if "](" in masked:
                masked = _inline_link_spans(pattern, style, masked, spans)
        masked = _mask_matches(FOOTNOTE_REF, masked, spans, "footnote")
        if "][" in masked:
            for found in REFERENCE_LINK.finditer(masked):
                spans.append((found.start(), found.start("ref"), "link_text"))
                spans.append((found.start("ref"), found.end(), "link_url"))
    if "://" in masked or "www." in masked:
        masked = _mask_matches(BARE_URL, masked, spans, "autolink")
    if "<" in masked:
        masked = _mask_matches(HTML_TAG, masked, spans, "html")
    return masked


def _inline_link_spans(pattern: re.Pattern[str], style: str, masked: str, spans: list[Span]) -> str:
    for found in pattern.finditer(masked):
        url_start = found.start("url") - 1
        spans.append((found.start(), url_start, style))
        spans.append((url_start, found.end(), "link_url"))
        masked = _mask(masked, url_start, found.end())
    return masked


def _emphasis_spans(masked: str, spans: list[Span]) -> None:
    if "*" in masked:
        for found in STRONG_EMPHASIS.finditer(masked):
            spans.append((found.start(), found.end(), "strong"))
            spans.append((found.start(), found.end(), "emphasis"))
            masked = _mask(masked, found.start(), found.end())
    if "*" in masked or "__" in masked:
        _add_matches(STRONG, masked, spans, "strong")
    if "*" in masked or "_" in masked:
        _add_matches(EMPHASIS, masked, spans, "emphasis")
    if "~~" in masked:
        _add_matches((STRIKE,), masked, spans, "strike")


def _add_matches(
    patterns: tuple[re.Pattern[str], ...], masked: str, spans: list[Span], style: str
) -> None:
    for pattern in patterns:
        spans.extend((found.start(), found.end(), style) for found in pattern.finditer(masked))


def _mask_matches(
    pattern: re.Pattern[str], masked: str, spans: list[Span], style: str | None
) -> str:
    """Record a span for every match (unless ``style`` is ``None``) and blank the matches out."""
    for found in pattern.finditer(masked):
        if style is not None:
            spans.append((found.start(), found.end(), style))
        masked = _mask(masked, found.start(), found.end())
    return masked


def _mask(text: str, start: int, end: int) -> str:
    return text[:start] + MASK * (end - start) + text[end:]
