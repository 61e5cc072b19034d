"""``postwright`` and ``python -m editor``: the command line, then the window."""

from __future__ import annotations

import sys

from editor import cli


def main(argv: list[str] | None = None) -> int:
    """Run a headless sub-command, or open the window."""
    args = cli.parse_args(sys.argv[1:] if argv is None else argv)
    if args.command == "render":
        return cli.render_command(args)
    if args.command == "check":
        return cli.check_command(args)
    from editor import app  # Qt is imported only when a window is wanted

    return app.run(args)


if __name__ == "__main__":
    sys.exit(main())
