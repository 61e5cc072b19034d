"""``make fidelity``: how often the preview's Markdown matches Hugo's, post by post.

Every pnp/blog post of ``../shared/corpus/pnp-blog`` is rendered twice - by Hugo (the
``hugo`` on ``PATH``; a minimal site with pnp/blog's ``[markup]`` settings,
``benchmarks/hugo-site/config.toml``) and by Postwright's ``goldmark`` dialect - and the two
article bodies are compared after normalising the HTML (attribute order, whitespace between
tags, entities, ``<br>`` vs ``<br />``; code blocks compared by their text without trailing
spaces, since colouring is not Markdown; without render hooks Hugo writes typographic quotes
in ``alt`` as escaped entity names, ``&amp;rsquo;``, which the site's image hook does not, so
``alt`` values are unescaped once more). Shortcode calls are removed from the source before
both renders (in code too, where Hugo would run them) and neither side applies the site's
render hooks: this measures Markdown rendering alone.

Prints the share of identical posts and a unified diff for each post that differs. Exits 1
when the share is under the target (95 %), 2 when Hugo is missing.

    python -m benchmarks.fidelity [--corpus DIR] [--also DIR] [--quiet]
"""

from __future__ import annotations

import argparse
import difflib
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from editor.core.front_matter import split_front_matter
from editor.core.render import RenderOptions, get_dialect
from editor.core.render.dialects.goldmark import build_parser
from editor.core.render.hugo import remove_shortcodes

ROOT = Path(__file__).resolve().parent.parent
SITE_CONFIG = ROOT / "benchmarks" / "hugo-site" / "config.toml"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "pnp-blog"
TARGET = 0.95

_SINGLE_LAYOUT = "{{ .Content }}"
_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"))
_VOID |= {"source", "track", "wbr"}
_BLOCK = frozenset(
    ("address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "hr")
) | {"figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "li"}
_BLOCK |= {"ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th"}
_BLOCK |= {"thead", "tr", "ul"}
#: Attributes that say how a block is coloured or where a link may lead, not its Markdown.
_IGNORED_ATTRIBUTES = frozenset({"rel", "tabindex", "data-lang"})


@dataclass(frozen=True, slots=True)
class Post:
    """One corpus post: its folder name and its body with the shortcode calls removed."""

    name: str
    body: str


def load_posts(corpus: Path, extra: Path | None = None) -> list[Post]:
    """The corpus posts (``*/index.md``) and the ``*.md`` files of ``extra``, bodies only,
    shortcodes removed (the same text goes to both sides)."""
    md = build_parser(typographer=True, linkify=True, hooks=False)
    paths = [path for path in sorted(corpus.glob("*/index.md")) if path.parent.name[:1] != "_"]
    named = [(path.parent.name, path) for path in paths]
    if extra is not None:
        named += [(path.name, path) for path in sorted(extra.glob("*.md"))]
    posts = []
    for name, path in named:
        body = split_front_matter(path.read_text(encoding="utf-8-sig")).body
        posts.append(Post(name, remove_shortcodes(md, body, in_code=True)))
    return posts


def render_with_hugo(posts: list[Post], hugo: str) -> dict[str, str]:
    """Each post's article body as Hugo renders it, by post name."""
    with tempfile.TemporaryDirectory(prefix="postwright-fidelity-") as folder:
        site = Path(folder)
        shutil.copy(SITE_CONFIG, site / "config.toml")
        layouts = site / "layouts" / "_default"
        layouts.mkdir(parents=True)
        (layouts / "single.html").write_text(_SINGLE_LAYOUT, encoding="utf-8")
        (site / "layouts" / "index.html").write_text("", encoding="utf-8")
        for number, post in enumerate(posts):
            bundle = site / "content" / "post" / f"p{number:03d}"
            bundle.mkdir(parents=True)
            front = f'---\ntitle: "p{number:03d}"\n---\n'
            (bundle / "index.md").write_text(front + post.body, encoding="utf-8")
        subprocess.run(
            [hugo, "--quiet", "--source", str(site), "--destination", str(site / "public")],
            check=True,
        )
        pages = (site / "public" / "post" / f"p{n:03d}" / "index.html" for n in range(len(posts)))
        # Hugo writes no page for a post whose body is empty.
        return {
            post.name: page.read_text(encoding="utf-8") if page.is_file() else ""
            for post, page in zip(posts, pages, strict=True)
        }


def render_with_postwright(post: Post) -> str:
    """The post's body as the ``goldmark`` dialect renders it, render hooks off."""
    return get_dialect("goldmark", spec_mode=True).render_html(post.body, RenderOptions())


class _Normaliser(HTMLParser):
    """HTML as one line per tag or text run, so equal documents give equal lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._text: list[str] = []
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._pre and tag != "pre":
            return  # colouring spans inside code blocks
        self._flush()
        kept = sorted(
            (name, unescape(value or "") if name == "alt" else value or "")
            for name, value in attrs
            if name not in _IGNORED_ATTRIBUTES
        )
        if tag in ("pre", "code"):
            kept = []
        shown = "".join(f' {name}="{value}"' for name, value in kept)
        self.lines.append(f"<{tag}{shown}>")
        if tag == "pre":
            self._pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or (self._pre and tag not in ("pre",)):
            return
        self._flush()
        if tag == "pre":
            self._pre -= 1
        self.lines.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self._text.append(data)

    def _flush(self) -> None:
        text = "".join(self._text)
        self._text = []
        if not self._pre:
            text = re.sub(r"\s+", " ", text)
            if not text.strip():
                return
        elif not text:
            return
        else:  # Chroma leaves trailing spaces on some lines: invisible, and not Markdown
            text = re.sub(r"[ \t]+\n", "\n", text)
        self.lines.append(text if self._pre else text.strip() if self._at_block() else text)

    def _at_block(self) -> bool:
        last = self.lines[-1] if self.lines else "<p>"
        name = re.match(r"</?([a-z0-9]+)", last)
        return bool(name and name.group(1) in _BLOCK)

    def result(self) -> list[str]:
        self._flush()
        return _drop_highlight_wrappers(self.lines)


def _drop_highlight_wrappers(lines: list[str]) -> list[str]:
    """``<div class="highlight">`` around a code block is colouring, not Markdown."""
    out: list[str] = []
    skip_closing = 0
    for index, line in enumerate(lines):
        if line.startswith('<div class="highlight'):
            skip_closing += 1
            continue
        if line == "</div>" and skip_closing and index > 0 and lines[index - 1] == "</pre>":
            skip_closing -= 1
            continue
        out.append(line)
    return out


def normalise(html: str) -> list[str]:
    """``html`` as comparable lines."""
    parser = _Normaliser()
    parser.feed(html)
    parser.close()
    return parser.result()


def compare(posts: list[Post], hugo_html: dict[str, str]) -> list[tuple[str, list[str]]]:
    """``(post name, unified diff lines)`` for every post; an empty diff means identical."""
    results = []
    for post in posts:
        expected = normalise(hugo_html[post.name])
        actual = normalise(render_with_postwright(post))
        diff = list(difflib.unified_diff(expected, actual, "hugo", "postwright", n=2, lineterm=""))
        results.append((post.name, diff))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--also", type=Path, help="a folder of more *.md files to compare")
    parser.add_argument("--quiet", action="store_true", help="print the figure only")
    args = parser.parse_args(argv)
    hugo = shutil.which("hugo")
    if hugo is None:
        print("Hugo is not installed: run `make fidelity`, which installs it.", file=sys.stderr)
        return 2
    posts = load_posts(args.corpus, args.also)
    results = compare(posts, render_with_hugo(posts, hugo))
    identical = sum(1 for _, diff in results if not diff)
    share = identical / len(results) if results else 0.0
    if not args.quiet:
        for name, diff in results:
            if diff:
                print(f"\n=== {name}")
                print("\n".join(diff))
    version = subprocess.run(
        [hugo, "version"], check=False, capture_output=True, text=True
    ).stdout.strip()
    print(f"\n{version}")
    print(
        f"Identical after normalisation: {identical}/{len(results)} posts "
        f"({share:.1%}; target {TARGET:.0%})"
    )
    return 0 if share >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
