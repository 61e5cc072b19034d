"""Front matter: finding it in a document, reading it, and editing it line by line.

Reading goes through python-frontmatter's handler interface with ruamel.yaml's round-trip
loader behind it (:class:`RoundTripYAMLHandler`). Writing never re-serialises the YAML: the
raw text is kept and :func:`set_field` / :func:`remove_field` replace only the lines of one
top-level key, so comments, key order, quoting and blank lines survive. See
docs/decisions/0002-file-format.md.

The YAML libraries are imported when YAML is first read, not with this module: finding the
front matter (:func:`split_front_matter`) is needed at start-up, parsing it only later, and
importing them costs about 25 ms.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from editor.core.i18n import Message, message

if TYPE_CHECKING:
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
    from ruamel.yaml.tokens import ScalarToken

_OPEN = re.compile(r"---[ \t]*(?:\r\n|\n|\r)")
# A closing fence at the start of any line, whatever that file's line endings are.
_CLOSE = re.compile(r"(?:^|(?<=\r))(?:---|\.\.\.)[ \t]*(?:\r\n|\n|\r|$)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class FrontMatterSplit:
    """A document cut into its YAML front matter and its body.

    Line numbers are 0-based lines of the whole text. ``raw`` is the YAML between the fences
    (fences excluded) or None when the document has no front matter. ``closed`` is False when an
    opening ``---`` has no closing fence: then ``raw`` is None and the whole text is the body.
    """

    raw: str | None
    body: str
    body_start_line: int
    closed: bool = True


_TOML_FENCE = re.compile(r"\+\+\+[ \t]*(?:\r\n|\n|\r|$)", re.MULTILINE)
_JSON_CLOSE = re.compile(r"^\}[ \t]*(?:\r\n|\n|\r|$)", re.MULTILINE)


def other_front_matter(text: str) -> tuple[str, int] | None:
    """TOML (``+++``) or JSON (``{`` … ``}``) front matter, as Hugo also reads them.

    Returns the format's name and the 0-based line the body starts on, or None when the
    document does not open with either (or never closes it). Postwright edits only YAML
    front matter; these are kept as written and left out of the preview.
    """
    if text.startswith("+++"):
        opening = _TOML_FENCE.match(text)
        closing = _TOML_FENCE.search(text, opening.end()) if opening else None
        if opening is not None and closing is not None and _at_line_start(text, closing.start()):
            return "TOML", _count_lines(text[: closing.end()])
        return None
    if text.startswith("{"):
        closing = _JSON_CLOSE.search(text)
        if closing is not None:
            return "JSON", _count_lines(text[: closing.end()])
    return None


def _at_line_start(text: str, index: int) -> bool:
    return index == 0 or text[index - 1] in "\r\n"


def _count_lines(text: str) -> int:
    return len(re.findall(r"\r\n|\n|\r", text))


def split_front_matter(text: str) -> FrontMatterSplit:
    """Split ``text`` (already decoded, BOM removed) as Hugo does for YAML front matter."""
    opening = _OPEN.match(text)
    if opening is None:
        return FrontMatterSplit(raw=None, body=text, body_start_line=0)
    closing = _CLOSE.search(text, opening.end())
    if closing is None:
        return FrontMatterSplit(raw=None, body=text, body_start_line=0, closed=False)
    raw = text[opening.end() : closing.start()]
    body = text[closing.end() :]
    return FrontMatterSplit(raw=raw, body=body, body_start_line=_count_lines(text[: closing.end()]))


#: A top-level ``key:`` line of YAML: a double-quoted, single-quoted or plain key.
_TOP_LEVEL_KEY = re.compile(
    r"^(?:"
    r'"((?:[^"\\\r\n]|\\.)*)"'
    r"|'((?:[^'\r\n]|'')*)'"
    r"|((?:[^\s#'\"{}\[\]&*!|>%@`-]|-[^\s:])[^:\r\n]*?)"
    r")[ \t]*:(?:[ \t]|$)",
    re.MULTILINE,
)


def top_level_keys(text: str) -> frozenset[str]:
    """The keys written at the top level of ``text``'s front matter, found without parsing
    the YAML (so without loading a YAML library): enough to tell which site a post is for.

    Lines that start in the first column are the top-level keys of a block mapping (values,
    lists and block scalars below a key are indented). A front matter that does not parse
    may still name keys here; :func:`read_front_matter` says whether it parses.
    """
    raw = split_front_matter(text).raw
    if raw is None:
        return frozenset()
    keys = set()
    for found in _TOP_LEVEL_KEY.finditer(raw):
        double, single, plain = found.groups()
        if double is not None:
            keys.add(json.loads(f'"{double}"') if "\\" in double else double)
        elif single is not None:
            keys.add(single.replace("''", "'"))
        else:
            keys.add(plain.rstrip())
    return frozenset(keys)


# --- Reading -----------------------------------------------------------------------------------

_CONTEXT = "FrontMatter"

#: A YAML value as Postwright hands it on: mappings are read-only, sequences are tuples.
Metadata = Mapping[str, object]


def _load_yaml() -> None:
    """Import the YAML libraries into this module (once): every path that reads YAML, or
    handles what ruamel.yaml made, starts from a function that calls this."""
    global YAML, DuplicateKeyError, MarkedYAMLError, YAMLError  # noqa: PLW0603
    global MappingNode, Node, ScalarNode, SequenceNode, ScalarToken  # noqa: PLW0603
    from ruamel.yaml import YAML  # noqa: PLC0415
    from ruamel.yaml.constructor import DuplicateKeyError  # noqa: PLC0415
    from ruamel.yaml.error import MarkedYAMLError, YAMLError  # noqa: PLC0415
    from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode  # noqa: PLC0415
    from ruamel.yaml.tokens import ScalarToken  # noqa: PLC0415


def _round_trip_yaml() -> YAML:
    """A fresh round-trip loader (instances are not shared between threads)."""
    _load_yaml()
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    return yaml


@functools.cache
def _handler_class() -> type:
    from frontmatter.default_handlers import YAMLHandler  # noqa: PLC0415

    class RoundTripYAMLHandler(YAMLHandler):
        """python-frontmatter handler: Hugo's fences, ruamel.yaml's round-trip loader.

        ``frontmatter.loads(text, handler=RoundTripYAMLHandler())`` finds the same front
        matter as :func:`split_front_matter`. Exporting is refused on purpose: Postwright
        keeps the raw text and edits it line by line instead of re-serialising (see
        :func:`set_field`).
        """

        def detect(self, text: str) -> bool:
            """True when ``text`` starts with a closed front matter block."""
            return split_front_matter(text).raw is not None

        def split(self, text: str) -> tuple[str, str]:
            """The raw YAML and the body; ValueError when there is no front matter."""
            split = split_front_matter(text)
            if split.raw is None:
                raise ValueError("no front matter")
            return split.raw, split.body

        def load(self, fm: str, **kwargs: object) -> Any:
            """Parse ``fm`` with ruamel.yaml's round-trip loader (comments and styles kept)."""
            return _round_trip_yaml().load(fm)

        def export(self, metadata: dict[str, object], **kwargs: object) -> str:
            """Not supported: front matter is edited in place, never re-serialised."""
            raise NotImplementedError("Postwright edits front matter in place; see set_field()")

    RoundTripYAMLHandler.__module__ = __name__
    return RoundTripYAMLHandler


@functools.cache
def _handler() -> Any:
    return _handler_class()()


def __getattr__(name: str) -> Any:
    """:class:`RoundTripYAMLHandler`, made when first asked for (see the module's text)."""
    if name == "RoundTripYAMLHandler":
        return _handler_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True, slots=True)
class ParsedFrontMatter:
    """What the front matter says, or why it cannot be read.

    ``data`` is None when there is no front matter or it is not readable; an empty front
    matter gives an empty mapping. ``problem_line`` is a 0-based line of the whole document.
    """

    data: Metadata | None
    problem: Message | None = None
    problem_line: int | None = None


def parse_front_matter(raw: str, first_line: int) -> ParsedFrontMatter:
    """Parse the YAML ``raw`` whose first line is line ``first_line`` (0-based) of the document."""
    _load_yaml()
    try:
        loaded = _handler().load(raw)
    except MarkedYAMLError as error:
        return _marked_problem(raw, error, first_line)
    except YAMLError as error:
        return ParsedFrontMatter(None, _unknown_problem(str(error), first_line + 1), first_line)
    except (ValueError, TypeError, OverflowError) as error:  # e.g. date: 2022-02-30
        line = first_line + _unreadable_value_line(raw)
        return ParsedFrontMatter(None, _unreadable_value(str(error), line + 1), line)
    if loaded is None:
        return ParsedFrontMatter(MappingProxyType({}))
    if not isinstance(loaded, Mapping):
        return ParsedFrontMatter(None, _not_a_mapping(loaded, first_line + 1), first_line)
    return ParsedFrontMatter(_plain_mapping(loaded))


#: A first line that is ``---`` after spaces or a byte order mark: meant as front matter.
_INDENTED_OPEN = re.compile(r"(\ufeff?[ \t]*)---[ \t]*(?:\r\n|\n|\r)")

#: Said when the opening ``---`` does not start the first line (see :func:`indented_opening`).
INDENTED_OPENING = message(
    _CONTEXT,
    "The front matter must begin with --- at the very start of the first line. Remove the"
    " spaces before it; until then the site shows the fields as text.",
)


def indented_opening(text: str) -> int | None:
    """How many characters stand before a first-line ``---``, or None when there are none.

    Spaces, tabs or a byte order mark before the opening ``---`` make Hugo (and Postwright)
    see no front matter at all: the fields become body text. The count is what to remove.
    """
    found = _INDENTED_OPEN.match(text)
    return len(found.group(1)) if found is not None and found.group(1) else None


def read_front_matter(text: str) -> ParsedFrontMatter:
    """Split ``text`` and parse its front matter; an unclosed block is reported too, and so
    is a first-line ``---`` with spaces before it."""
    if indented_opening(text) is not None:
        return ParsedFrontMatter(None, INDENTED_OPENING, 0)
    split = split_front_matter(text)
    if not split.closed:
        problem = message(
            _CONTEXT,
            "The front matter that starts on line 1 has no closing --- line, so the whole"
            " file is treated as text. Add a line with only --- after the last field.",
        )
        return ParsedFrontMatter(None, problem, 0)
    if split.raw is None:
        return ParsedFrontMatter(None)
    return parse_front_matter(split.raw, first_line=1)


def _marked_problem(raw: str, error: MarkedYAMLError, first_line: int) -> ParsedFrontMatter:
    """The problem YAML found at a place in ``raw``, told at the line to look at."""
    opened = _swallowing_quote_line(raw, error)
    if opened is not None:  # a quote left open ran on into the next lines
        line = first_line + opened
        return ParsedFrontMatter(None, message(_CONTEXT, _UNCLOSED_QUOTE, line=line + 1), line)
    line = first_line + _error_line(error)
    return ParsedFrontMatter(None, _yaml_problem(error, line + 1), line)


def _error_line(error: MarkedYAMLError) -> int:
    """Where the author should look: for an unclosed ``[``, ``{`` or quote that is where it
    opened (YAML notices only lines later), otherwise where YAML stopped."""
    context = str(error.context or "")
    unclosed = ("flow" in context or "quoted scalar" in context) and error.context_mark is not None
    mark = error.context_mark if unclosed else (error.problem_mark or error.context_mark)
    return int(mark.line) if mark is not None else 0


#: A line break followed by what looks like the next ``key:`` of the front matter.
_KEY_AFTER_BREAK = re.compile(r"(?:\r\n|\n|\r)[ \t]*[^\s:#'\"-][^:\r\n]*:(?:[ \t]|$)", re.MULTILINE)


def _swallowing_quote_line(raw: str, error: MarkedYAMLError) -> int | None:
    """The 0-based line (in ``raw``) of a quote that was never closed, when YAML only
    noticed it lines later.

    A quote left open runs on until the next quote mark, often the opening quote of a later
    value, so YAML reports the text after that one. A quoted value that ends before the
    error, spans lines and contains what looks like a ``key:`` line is that runaway quote.
    """
    stop = error.problem_mark or error.context_mark
    if stop is None:
        return None
    found: int | None = None
    try:
        for token in _round_trip_yaml().scan(raw):
            if token.end_mark.index > stop.index:
                break
            if not isinstance(token, ScalarToken) or token.style not in {'"', "'"}:
                continue
            text = raw[token.start_mark.index : token.end_mark.index]
            if token.end_mark.line > token.start_mark.line and _KEY_AFTER_BREAK.search(text):
                found = int(token.start_mark.line)
    except YAMLError:
        pass  # the scanner stopped at the error itself: what it read so far is enough
    return found


def _yaml_problem(error: MarkedYAMLError, line: int) -> Message:
    problem = str(error.problem or "")
    if isinstance(error, DuplicateKeyError):
        found = re.search(r'duplicate key "(.*?)" with value', problem)
        key = found.group(1) if found else "?"
        return message(
            _CONTEXT,
            "Line {line} (in the front matter) sets “{key}” a second time. YAML allows each"
            " key once: remove one of the two lines.",
            line=line,
            key=key,
        )
    for pattern, text in _PROBLEMS:
        if pattern.search(problem):
            return message(_CONTEXT, text, line=line)
    if "quoted scalar" in str(error.context or ""):
        return message(_CONTEXT, _UNCLOSED_QUOTE, line=line)
    return _unknown_problem(problem, line)


_UNCLOSED_QUOTE = (
    "Line {line} (in the front matter) is not valid YAML: a quoted value is not closed."
    " Add the missing quote mark."
)
_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"found character '\\t'"),
        "Line {line} (in the front matter) is not valid YAML: found a tab character where"
        " indentation was expected. YAML needs spaces for indentation.",
    ),
    (
        re.compile(r"found character '[@`]' that cannot start"),
        "Line {line} (in the front matter) is not valid YAML: a value starts with @ or `,"
        " which YAML reserves. Put the value in quotes.",
    ),
    (
        re.compile(r"mapping values are not allowed"),
        "Line {line} (in the front matter) is not valid YAML: a value contains “: ” or is"
        " indented more than the lines above it. Put the value in quotes or fix the"
        " indentation.",
    ),
    (
        re.compile(r"could not find expected ':'"),
        "Line {line} (in the front matter) is not valid YAML: a line has no colon between"
        " the key and its value.",
    ),
    (
        re.compile(r"expected ',' or ']'"),
        "Line {line} (in the front matter) is not valid YAML: a list in square brackets is"
        " not closed with ].",
    ),
    (
        re.compile(r"expected <block end>"),
        "Line {line} (in the front matter) is not valid YAML: there is text after the"
        " closing quote of a value, or the line is not indented like the lines around it.",
    ),
    (
        re.compile(r"undefined alias"),
        "Line {line} (in the front matter) is not valid YAML: it refers to an anchor"
        " (*name) that is not defined.",
    ),
    (re.compile(r"end of stream"), _UNCLOSED_QUOTE),
)


def _unreadable_value_line(raw: str) -> int:
    """0-based line (in ``raw``) of the first top-level entry whose value cannot be built."""
    try:
        root = _round_trip_yaml().compose(raw)
    except YAMLError:
        return 0
    if not isinstance(root, MappingNode):
        return 0
    starts = [key_node.start_mark.index for key_node, _value in root.value] + [len(raw)]
    for (key_node, _value), start, stop in zip(root.value, starts, starts[1:], strict=False):
        try:
            _round_trip_yaml().load(raw[start:stop])
        except (ValueError, TypeError, OverflowError):
            return int(key_node.start_mark.line)
        except YAMLError:
            continue
    return 0


def _unreadable_value(detail: str, line: int) -> Message:
    return message(
        _CONTEXT,
        "Line {line} (in the front matter) has a value that cannot be read ({detail}). Correct"
        " it, or put it in quotes to keep it as text.",
        line=line,
        detail=detail,
    )


def _unknown_problem(detail: str, line: int) -> Message:
    return message(
        _CONTEXT,
        "Line {line} (in the front matter) is not valid YAML ({detail}).",
        line=line,
        detail=detail,
    )


def _not_a_mapping(loaded: object, line: int) -> Message:
    if isinstance(loaded, list):
        return message(
            _CONTEXT,
            "The front matter starting on line {line} is a list, but it should be"
            " “key: value” lines.",
            line=line,
        )
    return message(
        _CONTEXT,
        "The front matter starting on line {line} is a single value, but it should be"
        " “key: value” lines.",
        line=line,
    )


def to_plain(value: object) -> object:
    """A loaded YAML value as plain, immutable Python data.

    Mappings become read-only mappings with string keys, sequences become tuples, and
    ruamel's styled scalars become ``str``, ``int``, ``float``, ``bool``, ``datetime``,
    ``date`` or None. Anything else (a custom ``!tag``) becomes its string form.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, Mapping):
        return _plain_mapping(value)
    if isinstance(value, (list, tuple)):
        return tuple(to_plain(item) for item in value)
    return _plain_scalar(value)


def _plain_mapping(value: Mapping[Any, Any]) -> Metadata:
    return MappingProxyType({_plain_key(key): to_plain(item) for key, item in value.items()})


def _plain_key(key: object) -> str:
    return key if type(key) is str else str(to_plain(key))


def _plain_scalar(value: object) -> object:
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dt.datetime):
        return dt.datetime.combine(value.date(), value.timetz())
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    return str(value)


# --- Editing one top-level key, leaving every other line alone -------------------------------


class FrontMatterEditError(ValueError):
    """The front matter cannot be changed safely; ``message`` says why in plain language."""

    def __init__(self, msg: Message) -> None:
        super().__init__(msg.english())
        self.message = msg


def set_field(text: str, key: str, value: object) -> str:
    """``text`` with the top-level front matter field ``key`` set to ``value``.

    ``text`` is a whole document with ``"\\n"`` line endings. Only the lines of ``key``
    change: a missing key is added at the end of the front matter, and a document without
    front matter gets one. Values may be None, ``str``, ``bool``, ``int``, ``float``,
    ``date``, ``datetime`` or a list/tuple of those; a string keeps the quoting style of the
    old value, a list keeps flow (``[a, b]``) or block (``- a``) style. Setting a value equal
    to the current one returns ``text`` unchanged. Raises :class:`FrontMatterEditError` when
    the front matter cannot be read or changed safely, TypeError for other value types.
    """
    wanted = _wanted(value)
    located = _locate(text)
    if located is None:
        new_raw = _edit_raw(_Located(0, "", None, MappingProxyType({})), key, wanted)
        return f"---\n{new_raw}---\n{text}"
    new_raw = _edit_raw(located, key, wanted)
    return text if new_raw is located.raw else located.replace_raw(text, new_raw)


def replace_front_matter(text: str, raw: str) -> str:
    """``text`` with the YAML between its front matter fences replaced by ``raw``.

    The fences and the body are kept exactly. A document without front matter gets one
    (unless ``raw`` is blank). ``raw`` is written as given, so it may be malformed: the
    author is typing it. Raises :class:`FrontMatterEditError` when the document opens a
    front matter that never closes, as there is no safe place to put ``raw``.
    """
    if raw and not raw.endswith(("\n", "\r")):
        raw += "\n"
    opening = _OPEN.match(text)
    if opening is None:
        return text if not raw.strip() else f"---\n{raw}---\n{text}"
    closing = _CLOSE.search(text, opening.end())
    if closing is None:
        raise FrontMatterEditError(
            message(
                _CONTEXT,
                "The front matter has no closing “---” line. Add one in the editor first.",
            )
        )
    return text[: opening.end()] + raw + text[closing.start() :]


def remove_field(text: str, key: str) -> str:
    """``text`` without the top-level front matter field ``key`` (its lines are deleted).

    Returns ``text`` unchanged when there is no front matter or no such key.
    """
    located = _locate(text)
    if located is None:
        return text
    pair = _find_pair(located.root, key)
    if pair is None:
        return text
    new_raw = _remove_lines(located.raw, *pair)
    if not _verify(new_raw, key, _REMOVED, located.data):
        raise FrontMatterEditError(_cannot_change(key))
    return located.replace_raw(text, new_raw)


@dataclass(frozen=True, slots=True)
class _Located:
    """The front matter of a document: where its YAML starts, the YAML, its node tree."""

    offset: int
    raw: str
    root: MappingNode | None
    data: Metadata

    def replace_raw(self, text: str, new_raw: str) -> str:
        return text[: self.offset] + new_raw + text[self.offset + len(self.raw) :]


@dataclass(frozen=True, slots=True)
class _Rendered:
    text: str
    block: bool = False


_REMOVED = object()


def _locate(text: str) -> _Located | None:
    split = split_front_matter(text)
    if split.raw is None:
        if not split.closed:
            problem = read_front_matter(text).problem
            assert problem is not None
            raise FrontMatterEditError(problem)
        return None
    parsed = parse_front_matter(split.raw, first_line=1)
    if parsed.problem is not None or parsed.data is None:
        assert parsed.problem is not None
        raise FrontMatterEditError(parsed.problem)
    opening = _OPEN.match(text)
    assert opening is not None
    root = _round_trip_yaml().compose(split.raw)
    if isinstance(root, MappingNode) and root.flow_style:
        raise FrontMatterEditError(_flow_root())
    return _Located(opening.end(), split.raw, root, parsed.data)


def _edit_raw(located: _Located, key: str, wanted: object) -> str:
    pair = _find_pair(located.root, key)
    if pair is not None and key in located.data and _same(located.data[key], wanted):
        return located.raw
    for safe in (False, True):
        if pair is None:
            candidate = _append_key(located, key, _render(wanted, None, "", safe=safe))
        else:
            old_text = _node_text(located.raw, pair[1])
            rendered = _render(wanted, pair[1], old_text, safe=safe)
            candidate = _replace_value(located.raw, *pair, rendered)
        if _verify(candidate, key, wanted, located.data):
            return candidate
    raise FrontMatterEditError(_cannot_change(key))


def _find_pair(root: MappingNode | None, key: str) -> tuple[Node, Node] | None:
    if root is None:
        return None
    for key_node, value_node in root.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def _verify(new_raw: str, key: str, wanted: object, before: Metadata) -> bool:
    """Re-read ``new_raw``: ``key`` must hold ``wanted`` and every other key its old value."""
    after = parse_front_matter(new_raw, first_line=1).data
    if after is None:
        return False
    expected = {name: item for name, item in before.items() if name != key}
    if wanted is not _REMOVED:
        expected[key] = wanted
    return after.keys() == expected.keys() and all(
        _same(after[name], expected[name]) for name in expected
    )


def _same(left: object, right: object) -> bool:
    """Equal values of the same type (so ``1``, ``1.0`` and ``True`` differ)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, tuple) and isinstance(right, tuple):
        return len(left) == len(right) and all(map(_same, left, right))
    if isinstance(left, Mapping) and isinstance(right, Mapping):
        return left.keys() == right.keys() and all(_same(left[k], right[k]) for k in left)
    if isinstance(left, float) and isinstance(right, float) and math.isnan(left):
        return math.isnan(right)
    return left == right


def _wanted(value: object) -> object:
    """``value`` as plain data, or TypeError when a field cannot hold it."""
    if isinstance(value, (list, tuple)):
        return tuple(_wanted_scalar(item) for item in value)
    return _wanted_scalar(value)


def _wanted_scalar(value: object) -> object:
    if value is None or isinstance(value, (str, int, float, dt.date)):
        return to_plain(value)
    raise TypeError(f"a front matter field cannot hold {type(value).__name__}")


# --- Where things are in the raw YAML


def _node_text(raw: str, node: Node) -> str:
    return str(raw[node.start_mark.index : node.end_mark.index])


def _colon_end(raw: str, key_node: Node) -> int:
    """Index just after the ``:`` that follows ``key_node``."""
    found = re.compile(r"[ \t]*:").match(raw, key_node.end_mark.index)
    if found is None:
        raise FrontMatterEditError(_cannot_change(str(key_node.value)))
    return found.end()


def _is_empty_null(node: Node) -> bool:
    """``key:`` with nothing after it (the parser places that node on a later line)."""
    return isinstance(node, ScalarNode) and node.value == "" and node.style is None


def _value_end(raw: str, key_node: Node, value_node: Node, colon: int) -> int:
    """Index just after the last character of the value (trailing blanks excluded)."""
    if _is_empty_null(value_node):
        return colon
    if value_node.start_mark.index < colon:  # an alias: the node is the anchored one
        alias = re.compile(r"[ \t]*\*[^\s,\[\]{}]+").match(raw, colon)
        if alias is None:
            raise FrontMatterEditError(_cannot_change(str(key_node.value)))
        return alias.end()
    return _trimmed_end(raw, value_node, colon)


def _trimmed_end(raw: str, node: Node, floor: int) -> int:
    """Where ``node``'s text ends, trailing blanks excluded, never before ``floor``."""
    end = max(_content_end(raw, node), floor)
    while end > floor and raw[end - 1] in " \t\r\n":
        end -= 1
    return end


def _content_end(raw: str, node: Node) -> int:
    """Where ``node``'s own text ends (a block collection ends with its last item)."""
    if isinstance(node, SequenceNode) and not node.flow_style and node.value:
        return _content_end(raw, node.value[-1])
    if isinstance(node, MappingNode) and not node.flow_style and node.value:
        last_key, last_value = node.value[-1]
        if _is_empty_null(last_value):
            return _colon_end(raw, last_key)
        return _content_end(raw, last_value)
    return int(node.end_mark.index)


def _starts_on_key_line(raw: str, colon: int, value_node: Node) -> bool:
    start = value_node.start_mark.index
    return start >= colon and "\n" not in raw[colon:start]


# --- Changing the raw YAML


def _replace_value(raw: str, key_node: Node, value_node: Node, rendered: _Rendered) -> str:
    colon = _colon_end(raw, key_node)
    end = _value_end(raw, key_node, value_node, colon)
    if rendered.block and isinstance(value_node, SequenceNode):
        return _replace_block_items(raw, colon, end, value_node, rendered.text.split("\n"))
    inline = _starts_on_key_line(raw, colon, value_node) and not _is_empty_null(value_node)
    gap = raw[colon : value_node.start_mark.index] if inline else " "
    return _splice(raw, colon, end, (gap if gap.strip() == "" and gap else " ") + rendered.text)


def _replace_block_items(
    raw: str, colon: int, end: int, old: SequenceNode, lines: list[str]
) -> str:
    """Replace a block list's item lines; item *i* keeps old item *i*'s end-of-line comment."""
    start = raw.find("\n", colon)  # the key line itself stays as it is
    stop = raw.find("\n", end)
    stop = len(raw) if stop < 0 else stop
    comments = [_comment_after(raw, _trimmed_end(raw, item, colon)) for item in old.value]
    for index, comment in enumerate(comments[: len(lines)]):
        if comment is not None:
            lines[index] += " " * max(1, comment.column - len(lines[index])) + comment.text
    return raw[:start] + "\n" + "\n".join(lines) + raw[stop:]


_EOL_COMMENT = re.compile(r"([ \t]+)(#[^\n]*)")


@dataclass(frozen=True, slots=True)
class _Comment:
    """An end-of-line comment: its text, the column it starts at, where its line ends."""

    text: str
    column: int
    stop: int


def _comment_after(raw: str, end: int) -> _Comment | None:
    """The end-of-line comment that follows ``end``, if there is one."""
    found = _EOL_COMMENT.match(raw, end)
    if found is None:
        return None
    column = end - (raw.rfind("\n", 0, end) + 1) + len(found.group(1))
    return _Comment(found.group(2), column, found.end())


def _splice(raw: str, start: int, end: int, new: str) -> str:
    """Replace ``raw[start:end]``; an end-of-line comment after it keeps its column if it can."""
    comment = _comment_after(raw, end)
    if comment is None:
        return raw[:start] + new + raw[end:]
    head = raw[:start] + new
    new_column = len(head) - (head.rfind("\n") + 1)
    padding = " " * max(1, comment.column - new_column)
    return head + padding + comment.text + raw[comment.stop :]


def _remove_lines(raw: str, key_node: Node, value_node: Node) -> str:
    start = raw.rfind("\n", 0, key_node.start_mark.index) + 1
    end = _value_end(raw, key_node, value_node, _colon_end(raw, key_node))
    newline = raw.find("\n", end)
    return raw[:start] + (raw[newline + 1 :] if newline >= 0 else "")


def _append_key(located: _Located, key: str, rendered: _Rendered) -> str:
    root = located.root
    indent = root.value[0][0].start_mark.column if root is not None and root.value else 0
    raw = located.raw if located.raw.endswith("\n") or not located.raw else located.raw + "\n"
    return f"{raw}{' ' * indent}{_key_text(key)}: {rendered.text}\n"


# --- Writing values in the style of the old one


def _render(value: object, old: Node | None, old_text: str, *, safe: bool) -> _Rendered:
    """``value`` as YAML text; ``safe`` quotes every string with double quotes."""
    if isinstance(value, tuple):
        return _render_sequence(value, old, safe=safe)
    quote = '"' if safe else _quote_of(old)
    return _Rendered(_scalar_text(value, quote, context="value", old_text=old_text))


def _render_sequence(items: tuple[object, ...], old: Node | None, *, safe: bool) -> _Rendered:
    old_items = old.value if isinstance(old, SequenceNode) else []
    quote = '"' if safe else _quote_of(old_items[0] if old_items else None)
    if isinstance(old, SequenceNode) and not old.flow_style and items:
        dash = " " * old.start_mark.column
        lines = [f"{dash}- {_scalar_text(item, quote, context='value')}" for item in items]
        return _Rendered("\n".join(lines), block=True)
    texts = [_scalar_text(item, quote, context="flow") for item in items]
    return _Rendered("[" + ", ".join(texts) + "]")


def _quote_of(node: Node | None) -> str | None:
    """The quote mark the old scalar used, or None for plain (and anything else)."""
    if isinstance(node, ScalarNode) and node.style in ('"', "'"):
        return str(node.style)
    return None


def _scalar_text(value: object, quote: str | None, *, context: str, old_text: str = "") -> str:
    if isinstance(value, str):
        return _string_text(value, quote, context)
    if isinstance(value, dt.datetime):
        return _datetime_text(value, old_text)
    for kind, write in _SCALAR_WRITERS:
        if value is None if kind is None else isinstance(value, kind):
            return write(value)
    raise TypeError(f"a front matter field cannot hold {type(value).__name__}")


def _float_text(value: object) -> str:
    assert isinstance(value, float)
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    return repr(value)


# Order matters: bool is an int, datetime (handled above) is a date.
_SCALAR_WRITERS: tuple[tuple[type | None, Callable[[Any], str]], ...] = (
    (None, lambda _value: "null"),
    (bool, lambda value: "true" if value else "false"),
    (int, str),
    (float, _float_text),
    (dt.date, lambda value: value.isoformat()),
)


def _string_text(text: str, quote: str | None, context: str) -> str:
    if quote == "'" and text.isprintable():
        return "'" + text.replace("'", "''") + "'"
    if quote is None and _plain_ok(text, context):
        return text
    return _double_quoted(text)


def _double_quoted(text: str) -> str:
    """A YAML double-quoted scalar.

    JSON's escapes are valid YAML; YAML also needs DEL, the C1 controls (NEL is a line break
    to YAML), U+2028, U+2029 and U+FEFF escaped.
    """
    quoted = json.dumps(text, ensure_ascii=False)
    return _YAML_ESCAPE.sub(lambda found: f"\\u{ord(found.group()):04x}", quoted)


_YAML_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")


def _datetime_text(value: dt.datetime, old_text: str) -> str:
    """ISO 8601, with the old value's millisecond precision and way of writing UTC."""
    fraction = re.search(r"\.(\d+)", old_text)
    milliseconds = fraction is not None and len(fraction.group(1)) == 3
    timespec = "milliseconds" if milliseconds and value.microsecond % 1000 == 0 else "auto"
    text = value.isoformat(timespec=timespec)
    utc = re.search(r"(Z|[+-]00:00)\s*$", old_text)
    if utc is not None and value.utcoffset() == dt.timedelta(0):
        text = text[: -len("+00:00")] + utc.group(1)
    return text


def _key_text(key: str) -> str:
    return key if _plain_ok(key, "key") else _double_quoted(key)


_PROBES = {"value": "k: {}", "flow": "[{}]", "key": "{}: 1"}


def _plain_ok(text: str, context: str) -> bool:
    """True when ``text`` written without quotes reads back as the same string."""
    if not text or text != text.strip() or not text.isprintable():
        return False
    _load_yaml()
    try:
        loaded = YAML(typ="safe", pure=True).load(_PROBES[context].format(text))
    except (YAMLError, ValueError, TypeError, OverflowError):  # 2022-02-30 is not a date
        return False
    if context == "flow":
        return isinstance(loaded, list) and loaded == [text] and type(loaded[0]) is str
    if context == "key":
        return isinstance(loaded, dict) and list(loaded) == [text] and type(text) is str
    return isinstance(loaded, dict) and type(loaded.get("k")) is str and loaded == {"k": text}


def _cannot_change(key: str) -> Message:
    return message(
        _CONTEXT,
        "The “{key}” field is written in a way Postwright cannot change safely. Edit it in"
        " the text instead.",
        key=key,
    )


def _flow_root() -> Message:
    return message(
        _CONTEXT,
        "The front matter is written in {{…}} form. Postwright can change fields only when"
        " they are written as “key: value” lines.",
    )
