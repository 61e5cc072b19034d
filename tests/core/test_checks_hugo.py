"""The shortcode rules agree with Hugo itself: a post the checks call an error does not
build, and one they pass builds.

A minimal site gets the blog's shortcodes as stubs (those whose templates read ``.Inner``
read it here too) and Hugo's built-ins; each post is built with the ``hugo`` on ``PATH``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from editor.core.checks import check_post
from editor.core.checks.sites import BLOG_PAIRED_SHORTCODES, BLOG_SHORTCODES
from editor.core.profiles import builtin_profiles_dir, load_profiles

HUGO = shutil.which("hugo")
BLOG = load_profiles(builtin_profiles_dir()).get("pnp-blog")
BUILT_IN = {"youtube", "vimeo", "tweet", "twitter", "gist", "ref", "relref", "highlight"}
BUILT_IN |= {"param", "instagram", "figure"}

pytestmark = pytest.mark.skipif(
    HUGO is None and not os.environ.get("CI"),
    reason="hugo is not installed (make test installs it)",
)

CASES = [
    "{{< mermaid >}}",
    "```md\n{{< mermaid >}}\n```",
    "Use `{{< tabs >}}` here.",
    "{{< notice note >}}\nText.",
    "{{< notice note>}}\nText.\n{{< /notice >}}",
    "{{< /notice >}}",
    "{{< youtube abc >}}",
    "{{</* mermaid */>}}",
    "```yaml\nx: ${{ parameters.x }}\n```",
    "{{< attachments >}}",
    '{{< image alt="A chart" src="images/a.png" >}}',
    "```md\n{{< youtube abc >}}\n```",
    "{{% notice tip %}}\nText.\n{{% /notice %}}",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hugo-site")
    (root / "config.toml").write_text('baseURL = "http://example.org/"\n', encoding="utf-8")
    layouts = root / "layouts"
    (layouts / "_default").mkdir(parents=True)
    (layouts / "_default" / "single.html").write_text("{{ .Content }}", encoding="utf-8")
    (layouts / "shortcodes").mkdir()
    for name in BLOG_SHORTCODES - BUILT_IN:
        body = "{{ .Inner }}" if name in BLOG_PAIRED_SHORTCODES else "<span></span>"
        (layouts / "shortcodes" / f"{name}.html").write_text(body, encoding="utf-8")
    return root


def builds(site: Path, body: str) -> bool:
    post = site / "content" / "post" / "a"
    post.mkdir(parents=True, exist_ok=True)
    (post / "index.md").write_text("---\ntitle: A\n---\n\n" + body + "\n", encoding="utf-8")
    assert HUGO is not None
    done = subprocess.run(
        [HUGO, "--quiet", "--source", str(site)], capture_output=True, check=False, timeout=120
    )
    return done.returncode == 0


@pytest.mark.parametrize("body", CASES)
def test_shortcode_errors_are_exactly_the_posts_hugo_refuses(site: Path, body: str) -> None:
    report = check_post("---\ntitle: A\n---\n\n" + body + "\n", BLOG)
    errors = [p.rule for p in report.problems if p.severity == "error" and "shortcode" in p.rule]
    assert (not errors) == builds(site, body), report.problems
