"""Command-line parsing and the headless sub-commands (no Qt here).

``postwright [FILE]`` opens the window; ``postwright render POST.md [-o OUT.html]`` writes the
preview as a standalone HTML page, with the preview's rendering and CSS, on a machine with no
display. The post is rendered as its site renders it: the site profile matched for the file (or
named with ``--profile``) gives the Markdown dialect and the preview theme.

``postwright check FILE... [--profile NAME] [--format text|json]`` runs the checks the window
shows in its Problems panel and exits 1 when a post has an error, so a site can run it in CI.

Each sub-command is a parser builder in :data:`SUBCOMMANDS`; ``__main__`` runs the command
named by the parsed arguments' ``command``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from editor import __version__
from editor.core.profiles import (
    Profile,
    ProfileSet,
    builtin_profiles_dir,
    load_profiles,
    match_profile,
)
from editor.services.paths import app_paths
from editor.services.storage import LoadedPost, StorageError, folder_reader, load_post

if TYPE_CHECKING:
    from editor.core.checks import CheckReport

# The renderer and the checks are imported by the commands that use them: opening the window
# goes through this module, and must not wait for them (decision 0011).


def _window_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="postwright",
        description="Write Markdown posts and contribute them by pull request, without git.",
        epilog=(
            "Headless: postwright render POST.md [-o OUT.html];"
            " postwright check FILE... [--profile NAME] [--format text|json]"
        ),
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
        "--profile",
        metavar="NAME",
        help="the site profile to render with (default: the one that matches the post)",
    )
    from editor.core.render import available_dialects

    parser.add_argument(
        "--dialect",
        choices=available_dialects(),
        help="the Markdown dialect to use (default: the site profile's, else goldmark)",
    )
    parser.add_argument("--dark", action="store_true", help="use the dark theme")
    parser.add_argument(
        "--allow-remote", action="store_true", help="keep remote images and embeds (off by default)"
    )
    parser.set_defaults(command="render")
    return parser


#: Sub-command name → the builder of its parser (which sets ``command``).
SUBCOMMANDS: dict[str, Callable[[], argparse.ArgumentParser]] = {"render": _render_parser}


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Parse ``argv`` (without the program name)."""
    if argv and argv[0] in SUBCOMMANDS:
        return SUBCOMMANDS[argv[0]]().parse_args(argv[1:])
    return _window_parser().parse_args(argv)


def site_profiles() -> ProfileSet:
    """The built-in site profiles and the user's own (as the window loads them)."""
    return load_profiles(builtin_profiles_dir(), app_paths(os.environ).config_dir / "profiles")


def chosen_profile(
    name: str | None, loaded: LoadedPost, profiles: ProfileSet
) -> tuple[Profile | None, str | None]:
    """The profile named ``name``, or else the one matching the post; or a problem to print."""
    if name is None:
        return match_profile(loaded.path.absolute(), loaded.post.metadata, profiles.profiles), None
    profile = profiles.get(name)
    if profile is not None:
        return profile, None
    known = ", ".join(sorted(p.id for p in profiles.profiles)) or "none"
    return None, f"there is no site profile called {name!r} (known: {known})"


def render_command(args: argparse.Namespace) -> int:
    """``postwright render``: write the page; a plain message and exit code 1 on bad input."""
    from editor.core.render import RenderOptions, render_document
    from editor.core.render.embed import embed_local_images
    from editor.core.render.page import build_page, preview_css

    try:
        loaded = load_post(args.post)
    except StorageError as error:
        print(f"postwright: {error.message.english()}", file=sys.stderr)
        return 1
    profile, problem = chosen_profile(args.profile, loaded, site_profiles())
    if problem is not None:
        print(f"postwright: {problem}", file=sys.stderr)
        return 2
    dialect = args.dialect or _profile_dialect(profile)
    options = RenderOptions(dialect=dialect, allow_remote=args.allow_remote)
    result = render_document(loaded.post.text, options)
    if result.front_matter_problem:
        print(f"postwright: warning: {result.front_matter_problem.english()}", file=sys.stderr)
    result = embed_local_images(result, folder_reader(loaded.path.parent))
    title = _title(loaded.post.metadata) or args.post.stem
    theme = profile.preview_theme if profile is not None else ""
    page = build_page(result, title=title, css=preview_css(args.dark, theme), dark=args.dark)
    if args.output is None:
        sys.stdout.write(page)
        return 0
    try:
        args.output.write_text(page, encoding="utf-8")
    except OSError as error:
        print(f"postwright: could not write {args.output}: {error.strerror}", file=sys.stderr)
        return 1
    return 0


def _profile_dialect(profile: Profile | None) -> str:
    """The profile's dialect; the default one (with a warning) when this version lacks it."""
    from editor.core.render import RenderOptions, available_dialects

    default = RenderOptions().dialect
    if profile is None:
        return default
    if profile.dialect in available_dialects():
        return profile.dialect
    print(
        f"postwright: warning: the site profile {profile.id!r} uses the Markdown dialect"
        f" {profile.dialect!r}, which this version does not have; using {default}.",
        file=sys.stderr,
    )
    return default


def _title(metadata: Mapping[str, object] | None) -> str | None:
    value = metadata.get("title") if metadata else None
    return value.strip() if isinstance(value, str) and value.strip() else None


# --- postwright check ------------------------------------------------------------------------


def _check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="postwright check",
        description=(
            "Check posts as their site's build, lint and reviewers would, and say what to fix."
            " Exits 1 when a post has an error (something that stops publishing), 2 when a"
            " file cannot be read or the profile is unknown, else 0."
        ),
    )
    parser.add_argument("posts", nargs="+", type=Path, metavar="FILE", help="posts to check")
    parser.add_argument(
        "--profile",
        metavar="NAME",
        help="the site profile to check against (default: the one that matches each post)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default) or json for tools",
    )
    parser.set_defaults(command="check")
    return parser


def check_command(args: argparse.Namespace) -> int:
    """``postwright check``: every post's problems; exit 1 on errors, 2 on unreadable input."""
    from editor.core.checks.output import as_json, as_text
    from editor.services.checks_files import check_saved_post

    profiles = site_profiles()
    reports: list[tuple[str, CheckReport]] = []
    unreadable = False
    for path in args.posts:
        try:
            loaded = load_post(path)
        except StorageError as error:
            print(f"postwright: {path}: {error.message.english()}", file=sys.stderr)
            unreadable = True
            continue
        profile, problem = chosen_profile(args.profile, loaded, profiles)
        if problem is not None:
            print(f"postwright: {problem}", file=sys.stderr)
            return 2
        report = check_saved_post(loaded.post.text, profile, loaded.path)
        reports.append((str(path), report))
    sys.stdout.write(as_json(reports) if args.format == "json" else as_text(reports))
    if unreadable:
        return 2
    return 1 if any(report.has_errors for _path, report in reports) else 0


SUBCOMMANDS["check"] = _check_parser
