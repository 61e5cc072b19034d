"""Nothing active survives rendering: the allow-list sanitizer and the whole pipeline."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from editor.core.render import RenderOptions, render_document
from editor.core.render.sanitize import sanitize_html

FORBIDDEN_TAGS = frozenset(
    (
        *("script", "style", "meta", "base", "link", "form", "object", "embed", "svg"),
        *("math", "template", "textarea", "select", "button", "frame", "frameset", "applet"),
        "noscript",
    )
)
URL_ATTRIBUTES = frozenset(
    (
        *("href", "src", "poster", "srcset", "action", "formaction", "xlink:href", "data"),
        *("cite", "background", "lowsrc", "dynsrc"),
    )
)
DANGEROUS_SCHEME = re.compile(r"^(?:javascript|vbscript|livescript|file|data)\s*:", re.IGNORECASE)
SAFE_DATA_IMAGE = re.compile(r"^data:image/(?:png|gif|jpeg|webp)[;,]", re.IGNORECASE)
CONTROL_AND_SPACE = re.compile(r"[\x00-\x20]")


@dataclass
class Findings:
    """Everything active the parser saw in a piece of HTML."""

    problems: list[str] = field(default_factory=list)


class ActiveContentFinder(HTMLParser):
    """Parses HTML like a browser's tokenizer and notes every active construct it meets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings = Findings()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        note = self.findings.problems.append
        if tag in FORBIDDEN_TAGS:
            note(f"<{tag}>")
        if tag == "input" and dict(attrs).get("type") != "checkbox":
            note("<input> that is not a checkbox")
        for name, value in attrs:
            self._check_attribute(tag, name, value or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def _check_attribute(self, tag: str, name: str, value: str) -> None:
        note = self.findings.problems.append
        if name.startswith("on"):
            note(f"event handler {name} on <{tag}>")
        if name in {"srcdoc", "formaction", "action", "http-equiv", "xmlns"}:
            note(f"{name} on <{tag}>")
        if name.startswith("data-") and not (tag == "code" and name == "data-lang"):
            note(f"{name} on <{tag}>")
        if name in URL_ATTRIBUTES:
            for url in value.split(",") if name == "srcset" else [value]:
                self._check_url(tag, name, CONTROL_AND_SPACE.sub("", url))
        if name == "style" and re.search(r"url\(|expression|position|@import", value, re.I):
            note(f"style {value!r} on <{tag}>")

    def _check_url(self, tag: str, name: str, url: str) -> None:
        if DANGEROUS_SCHEME.match(url) and not (
            tag in {"img", "source"} and SAFE_DATA_IMAGE.match(url)
        ):
            self.findings.problems.append(f"{name}={url[:40]!r} on <{tag}>")

    def handle_comment(self, data: str) -> None:
        self.findings.problems.append("comment")


def active_content(html: str) -> list[str]:
    finder = ActiveContentFinder()
    finder.feed(html)
    finder.close()
    problems = finder.findings.problems
    if re.search(r"<\s*(script|meta|base|form|object|embed)\b", html, re.IGNORECASE):
        problems.append("forbidden tag text")
    return problems


# ---- the sanitizer on its own -----------------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<a href=" javascript:alert(1)">x</a>',
        '<a href="java&#x09;script:alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href="vbscript:msgbox(1)">x</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
        '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">',
        '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
        '<iframe src="javascript:alert(1)"></iframe>',
        '<meta http-equiv="refresh" content="0;url=https://evil.example">',
        '<base href="https://evil.example/">',
        '<form action="https://evil.example"><input name="q"><button>go</button></form>',
        '<object data="evil.swf"></object><embed src="evil.swf">',
        '<svg onload="alert(1)"><script>alert(2)</script></svg>',
        "<math><mtext><script>alert(1)</script></mtext></math>",
        '<div style="position:fixed;top:0;background:url(https://evil.example/x)">overlay</div>',
        '<style>@import "https://evil.example/x.css";</style>',
        '<link rel="stylesheet" href="https://evil.example/x.css">',
        '<details open ontoggle="alert(1)"><summary>x</summary></details>',
        '<video poster="javascript:alert(1)"><source src="x" onerror="alert(1)"></video>',
        '<a href="#" data-bind="click: evil" data-x="1">x</a>',
        '<input type="text" autofocus onfocus="alert(1)">',
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
        "<template><script>alert(1)</script></template>",
        "<textarea><script>alert(1)</script></textarea>",
        "<!-- <script>alert(1)</script> -->",
        '<img src="file:///etc/passwd">',
        '<a href="file://C:/Windows/win.ini">x</a>',
    ],
)
def test_sanitizer_removes_active_content(payload: str) -> None:
    assert active_content(sanitize_html(payload)) == []


def test_sanitizer_keeps_blog_content() -> None:
    html = (
        '<h2 id="x" class="heading-anchor">T <a class="anchor-link" href="#x"'
        ' aria-labelledby="x"></a></h2><p><strong>b</strong> <em>i</em> <code>c</code>'
        " <kbd>K</kbd> <mark>m</mark> <del>d</del> <sup>1</sup> <sub>2</sub></p>"
        '<figure><img src="images/a.png" alt="a" title="a" style="width:auto"><figcaption>c'
        "</figcaption></figure><details open><summary>s</summary><p>x</p></details>"
        '<table><thead><tr><th style="text-align:right">h</th></tr></thead></table>'
        '<div class="highlight"><pre tabindex="0" class="chroma"><code class="language-go"'
        ' data-lang="go"><span class="k">package</span></code></pre></div>'
        '<dl><dt>t</dt><dd>d</dd></dl><a href="mailto:a@example.com">m</a>'
    )
    cleaned = sanitize_html(html)
    for kept in (
        'id="x" class="heading-anchor"',
        'aria-labelledby="x"',
        "<kbd>K</kbd>",
        "<mark>m</mark>",
        '<img src="images/a.png" alt="a" title="a" style="width:auto">',
        "<details open",
        'style="text-align:right"',
        'data-lang="go"',
        '<pre tabindex="0" class="chroma">',
        'href="mailto:a@example.com"',
        "<dl><dt>t</dt>",
    ):
        assert kept in cleaned


def test_links_get_noopener_noreferrer() -> None:
    assert sanitize_html('<a href="https://x.example" rel="opener">x</a>') == (
        '<a href="https://x.example" rel="noopener noreferrer">x</a>'
    )


def test_inputs_are_always_disabled_checkboxes() -> None:
    cleaned = sanitize_html('<input type="text" value="secret" name="q" checked>')
    assert re.fullmatch(
        r'<input(?=[^>]* checked="")(?=[^>]* type="checkbox")(?=[^>]* disabled="")[^>]*>',
        cleaned,
    )
    assert "value" not in cleaned
    assert "name" not in cleaned


def test_iframes_need_https_and_are_sandboxed() -> None:
    cleaned = sanitize_html('<iframe src="http://x.example/"></iframe>')
    assert "src" not in cleaned
    cleaned = sanitize_html('<iframe src="https://www.youtube.com/embed/x"></iframe>')
    assert 'src="https://www.youtube.com/embed/x"' in cleaned
    assert 'sandbox="allow-scripts allow-same-origin' in cleaned


def test_only_harmless_style_properties_survive() -> None:
    cleaned = sanitize_html('<span style="color:red;position:absolute;z-index:9">x</span>')
    assert cleaned == '<span style="color:red">x</span>'


# ---- the whole pipeline against the public payload corpus --------------------------------


@pytest.fixture(scope="module")
def payloads(shared_dir: Path) -> list[dict[str, Any]]:
    corpus = json.loads((shared_dir / "security" / "xss-payloads.json").read_text("utf-8"))
    return [entry for entry in corpus["payloads"] if entry["as_markdown"] is not None]


@pytest.mark.parametrize("allow_remote", [False, True])
def test_no_payload_survives_rendering(payloads: list[dict[str, Any]], allow_remote: bool) -> None:
    options = RenderOptions(allow_remote=allow_remote)
    survivors = {}
    for entry in payloads:
        for document in (entry["as_markdown"], f"Text before.\n\n{entry['as_markdown']}\n\nAfter."):
            problems = active_content(render_document(document, options).html)
            if problems:
                survivors[entry["id"]] = problems
    assert len(payloads) > 400
    assert survivors == {}


def test_payloads_inside_markdown_constructs_are_neutralized(
    payloads: list[dict[str, Any]],
) -> None:
    wrappers = ("- {}", "> {}", "| a |\n|---|\n| {} |", "[^1]\n\n[^1]: {}", "# {}", "*{}*")
    for entry in payloads[::7]:
        for wrapper in wrappers:
            html = render_document(wrapper.format(entry["as_markdown"])).html
            assert active_content(html) == [], (entry["id"], wrapper)


def test_url_payloads_as_links_and_images(payloads: list[dict[str, Any]]) -> None:
    urls = [entry["payload"] for entry in payloads if entry["context"] == "url"]
    assert urls
    for url in urls:
        for document in (f"[x]({url})", f"![x]({url})", f"<{url}>", f'<a href="{url}">x</a>'):
            assert active_content(render_document(document).html) == [], document


def test_task_boxes_come_out_the_same_in_every_process() -> None:
    """The same block must give the same HTML (and preview key) in every render process."""
    import subprocess
    import sys

    code = (
        "from editor.core.render.sanitize import sanitize_html as s;"
        "print(s('<input type=checkbox checked><input disabled>'))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        for _ in range(6)
    }
    assert outputs == {
        '<input checked="" disabled="" type="checkbox"><input disabled="" type="checkbox">\n'
    }
