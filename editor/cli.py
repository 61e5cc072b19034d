"""Command-line parsing and the headless sub-commands (no Qt here).

``postwright [FILE]`` opens the window; ``postwright render POST.md [-o OUT.html]`` writes the
preview as a standalone HTML page, with the preview's rendering and CSS, on a machine with no
display.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path

from editor import __version__
from editor.core.render import RenderOptions, available_dialects, render_document
from editor.core.render.embed import embed_local_images
from editor.core.render.page import build_page, preview_css
from editor.services.storage import StorageError, folder_reader, load_post

SUBCOMMANDS = ("render",)


def _window_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="postwright",
        description="Write Markdown posts and contribute them by pull request, without git.",
        epilog="Headless: postwright render POST.md [-o OUT.html]",
    )
    parser.add_argument("--version", action="version", version=f"Postwright {__version__}")
    parser.add_argument("file", nargs="?", type=Path, help="the Markdown post to open")
    parser.add_argument(
        "--sample", action="store_true", help="open the bundled sample post (a tour of the preview)"
    )
    parser.set_defaults(command="window")
    return parser


def _render_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="postwright render",
        description="Render a post to a standalone HTML page, exactly as the preview shows it.",
    )
    parser.add_argument("post", type=Path, help="the Markdown post to render")
    parser.add_argument(
        "-o", "--output", type=Path, help="where to write the page (default: stdout)"
    )
    parser.add_argument(
        "--dialect",
        default="goldmark",
        choices=available_dialects(),
        help="the Markdown dialect to use (default: goldmark)",
    )
    parser.add_argument("--dark", action="store_true", help="use the dark theme")
    parser.add_argument(
        "--allow-remote", action="store_true", help="keep remote images and embeds (off by default)"
    )
    parser.set_defaults(command="render")
    return parser


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Parse ``argv`` (without the program name)."""
    if argv and argv[0] in SUBCOMMANDS:
        return _render_parser().parse_args(argv[1:])
    return _window_parser().parse_args(argv)


def render_command(args: argparse.Namespace) -> int:
    """``postwright render``: write the page; a plain message and exit code 1 on bad input."""
    try:
        loaded = load_post(args.post)
    except StorageError as error:
        print(f"postwright: {error.message.english()}", file=sys.stderr)
        return 1
    options = RenderOptions(dialect=args.dialect, allow_remote=args.allow_remote)
    result = render_document(loaded.post.text, options)
    if result.front_matter_problem:
        print(f"postwright: warning: {result.front_matter_problem.english()}", file=sys.stderr)
    result = embed_local_images(result, folder_reader(loaded.path.parent))
    title = _title(loaded.post.metadata) or args.post.stem
    page = build_page(result, title=title, css=preview_css(args.dark), dark=args.dark)
    if args.output is None:
        sys.stdout.write(page)
        return 0
    try:
        args.output.write_text(page, encoding="utf-8")
    except OSError as error:
        print(f"postwright: could not write {args.output}: {error.strerror}", file=sys.stderr)
        return 1
    return 0


def _title(metadata: Mapping[str, object] | None) -> str | None:
    value = metadata.get("title") if metadata else None
    return value.strip() if isinstance(value, str) and value.strip() else None
