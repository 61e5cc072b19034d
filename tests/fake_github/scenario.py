"""Ready-made publishing scenarios against the fake GitHub: a site repository, a signed-in
contributor and a post in the library, plus a publisher whose waits take no time."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

from editor.core.profiles import Profile, builtin_profiles_dir, load_profiles
from editor.core.publish.prepare import post_values
from editor.core.publish.pull_request import PullRequestForm, prefilled_form
from editor.core.publish.state import PublishState
from editor.services.github.client import make_client
from editor.services.github.local_files import build_request, post_stem
from editor.services.github.publisher import Progress, Publisher, PublishRequest, PublishResult
from editor.services.github.retry import Retrier, Wait

from .server import FakeGitHub

BLOG_POST = """\
---
title: "Three pictures of a Power App"
date: 2026-11-20T10:00:00Z
author: "Alice Example"
githubname: alice
categories: ["Community post"]
images:
- images/thumbnail.png
tags: ["Power Apps"]
summary: "How one app grew from a spreadsheet, in three pictures."
type: "regular"
---

The app started as a spreadsheet.

![The first screen](images/thumbnail.png)
![The form](images/form.png)
![The report](images/report.jpg)
"""

UPSTREAM_FILES = {
    "README.md": b"# pnp/blog\n",
    "content/post/an-older-post/index.md": b"---\ntitle: Older\n---\nOld.\n",
    "content/post/an-older-post/images/old.png": b"\x89PNG old picture",
}


def _picture(size: tuple[int, int], colour: str, kind: str) -> bytes:
    """A small real picture (the checks read pictures before publishing)."""
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, kind)
    return out.getvalue()


IMAGES = {
    "thumbnail.png": _picture((700, 330), "#2b5fb8", "PNG"),
    "form.png": _picture((640, 400), "#f0f0f0", "PNG"),
    "report.jpg": _picture((800, 600), "#c0392b", "JPEG"),
}


def profile(profile_id: str) -> Profile:
    found = load_profiles(builtin_profiles_dir()).get(profile_id)
    assert found is not None
    return found


@dataclass
class Scenario:
    fake: FakeGitHub
    token: str
    profile: Profile
    post: Path
    saved: list[PublishState] = field(default_factory=list)
    progress: list[Progress] = field(default_factory=list)
    waits: list[Wait] = field(default_factory=list)
    slept: list[float] = field(default_factory=list)
    cancel_when: Callable[[], bool] = lambda: False

    @property
    def state(self) -> Any:
        return self.fake.state

    @property
    def last_state(self) -> PublishState:
        return self.saved[-1] if self.saved else PublishState()

    def _cancelled(self) -> bool:
        return self.cancel_when()

    def retrier(self, **options: Any) -> Retrier:
        return Retrier(
            cancelled=self._cancelled,
            on_wait=self.waits.append,
            sleep=self.slept.append,
            **options,
        )

    def publisher(self, *, token: str | None = None, **options: Any) -> Publisher:
        retry_options = {
            k: options.pop(k) for k in ("attempts", "max_rate_wait", "backoff") if k in options
        }
        client = make_client(token or self.token, self.fake.base_url, throttle=False)
        return Publisher(
            client,
            retrier=self.retrier(**retry_options),
            progress=self.progress.append,
            save_state=self.saved.append,
            server=self.fake.base_url,
            **options,
        )

    def form(self) -> PullRequestForm:
        text = self.post.read_text(encoding="utf-8")
        values = post_values(self.profile, post_stem(self.profile, self.post), text)
        return prefilled_form(self.profile, values)

    def request(self, **options: Any) -> PublishRequest:
        previous = options.pop("previous", self.last_state)
        return build_request(self.profile, self.post, self.form(), previous, **options)

    def publish(self, **options: Any) -> PublishResult:
        request_options = {
            k: options.pop(k)
            for k in ("previous", "accept_head", "update_pull_text")
            if k in options
        }
        return self.publisher(**options).publish(self.request(**request_options))

    def snapshot(self) -> dict[str, bytes]:
        """Every file of the post's folder, to show publishing changed nothing locally."""
        root = self.post.parent
        return {
            str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
        }


def blog_scenario(
    fake: FakeGitHub, library: Path, *, images: dict[str, bytes] | None = None
) -> Scenario:
    """pnp/blog upstream, contributor ``alice`` (no fork yet), a new post with three pictures.

    The app's requests are checked against the contract too."""
    fake.state.check_requests = True
    fake.state.add_org("pnp")
    fake.state.add_repo("pnp/blog", dict(UPSTREAM_FILES), writers=("maintainer",))
    fake.state.add_user("maintainer", "Mia Maintainer")
    token = fake.state.add_user("alice", "Alice Example")
    blog = profile("pnp-blog")
    post = library / blog.id / "content/post/three-pictures/index.md"
    (post.parent / "images").mkdir(parents=True)
    post.write_text(BLOG_POST, encoding="utf-8", newline="\n")
    for name, data in (IMAGES if images is None else images).items():
        (post.parent / "images" / name).write_bytes(data)
    return Scenario(fake, token, blog, post)


LEARN_ARTICLE = """\
---
title: Share a Teams channel with another team
description: >-
  How to share one Microsoft Teams channel with a second team, step by step,
  without copying files around.
author: alicee
ms.author: alicee
ms.date: 11/20/2026
ms.topic: article
---

# Share a Teams channel with another team

:::image type="content" source="media/share-a-teams-channel/step-one.png" alt-text="The share dialog":::
"""  # noqa: E501

LEARN_TOC = b"""Items:
- name: Microsoft 365 Community Content
  href: index.yml
  items:
  - name: Basics and Definitions
    items:
    - name: Glossary
      href: glossary.md
"""


def learn_scenario(fake: FakeGitHub, library: Path) -> Scenario:
    fake.state.check_requests = True
    fake.state.add_org("MicrosoftDocs")
    fake.state.add_repo(
        "MicrosoftDocs/microsoft-365-community",
        {"Community/TOC.yml": LEARN_TOC, "Community/glossary.md": b"# Glossary\n"},
    )
    token = fake.state.add_user("alice", "Alice Example")
    learn = profile("learn-m365-community")
    post = library / learn.id / "Community/share-a-teams-channel.md"
    media = post.parent / "media" / "share-a-teams-channel"
    media.mkdir(parents=True)
    post.write_text(LEARN_ARTICLE, encoding="utf-8", newline="\n")
    (media / "step-one.png").write_bytes(b"\x89PNG step one")
    return Scenario(fake, token, learn, post)
