"""Deterministic sample posts of a given size, shaped like real community posts."""

from __future__ import annotations

import random

_WORDS = [
    "SharePoint",
    "Teams",
    "list",
    "library",
    "column",
    "flow",
    "approval",
    "trigger",
    "connector",
    "environment",
    "solution",
    "site",
    "page",
    "web",
    "part",
    "tenant",
    "admin",
    "user",
    "permission",
    "group",
    "channel",
    "policy",
    "the",
    "a",
    "of",
    "to",
    "and",
    "in",
    "for",
    "with",
    "on",
    "by",
    "from",
    "is",
    "are",
    "be",
    "this",
    "that",
    "it",
    "as",
    "at",
    "your",
    "you",
    "can",
]

_CODE = """```powershell
Connect-PnPOnline -Url "https://contoso.sharepoint.com/sites/demo" -Interactive
Get-PnPList | Where-Object { $_.Hidden -eq $false } | Select-Object Title, ItemCount
```"""

_TABLE = """| Setting | Value | Notes |
|---|---|---|
| Versioning | On | keeps 500 major versions |
| Approval | Off | not needed here |
| Indexing | Title | speeds up large lists |"""

FRONT_MATTER = """---
title: "A generated post"
date: 2026-11-25T09:00:00+01:00
author: "Bench Mark"
githubname: benchmark
categories: ["Community post"]
images:
- images/thumbnail.png
tags: ["Benchmark"]
type: "regular"
---
"""


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 18))]
    if rng.random() < 0.3:
        i = rng.randrange(len(words))
        words[i] = f"**{words[i]}**"
    if rng.random() < 0.2:
        i = rng.randrange(len(words))
        words[i] = f"`{words[i]}`"
    if rng.random() < 0.15:
        i = rng.randrange(len(words))
        words[i] = f"[{words[i]}](https://learn.microsoft.com/{words[i].strip('*`')})"
    return " ".join(words).capitalize() + "."


def _section(rng: random.Random, n: int) -> str:
    parts = [f"## Section {n}: {rng.choice(_WORDS)} {rng.choice(_WORDS)}"]
    for _ in range(rng.randint(2, 4)):
        parts.append(" ".join(_sentence(rng) for _ in range(rng.randint(2, 5))))
    parts.append("\n".join(f"- {_sentence(rng)}" for _ in range(rng.randint(2, 5))))
    if n % 2 == 0:
        parts.append(_CODE)
    if n % 3 == 0:
        parts.append(_TABLE)
    if n % 5 == 0:
        parts.append(f"![Screenshot {n}](images/screenshot-{n}.png)")
    return "\n\n".join(parts)


def generate_post(words: int, seed: int = 7) -> str:
    """A post of roughly ``words`` whitespace-separated words (front matter included)."""
    rng = random.Random(seed)
    sections: list[str] = []
    count = 0
    n = 1
    while count < words:
        section = _section(rng, n)
        sections.append(section)
        count += len(section.split())
        n += 1
    return FRONT_MATTER + "\n" + "\n\n".join(sections) + "\n"
