"""``make i18n``: extract every user-visible string to ``resources/i18n`` and compile translations.

* ``ui`` strings are found by Qt's own ``pyside6-lupdate`` (``self.tr(...)``,
  ``QCoreApplication.translate(...)``, ``QT_TRANSLATE_NOOP(...)``).
* ``core`` and ``services`` strings are :class:`editor.core.i18n.Message` objects made with
  ``message(CONTEXT, "text", ...)``; lupdate cannot follow the ``CONTEXT`` constant, so this
  script reads those calls itself and hands them to lupdate as ``QT_TRANSLATE_NOOP`` lines.
* ``postwright.ts`` is the template translators start from; each ``postwright_<lang>.ts``
  (a translation) is updated with new strings and compiled to ``.qm`` beside it.

Run as ``python packaging/i18n.py [--check]``; ``--check`` only reports what it would extract.
"""

from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
TEMPLATE = I18N / "postwright.ts"


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    if not Path(found).exists():
        raise SystemExit(f"{name} is missing: run 'make test' or 'make run' once to install it")
    return found


def _constants(tree: ast.Module) -> dict[str, str]:
    """Module-level ``NAME = "text"`` assignments."""
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            value = node.value.value
            for target in node.targets:
                if isinstance(target, ast.Name) and isinstance(value, str):
                    found[target.id] = value
    return found


def message_calls(path: Path) -> Iterator[tuple[str, str]]:
    """``(context, text)`` of every ``message(CONTEXT, "text", ...)`` call in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    constants = _constants(tree)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        if node.func.id != "message" or len(node.args) < 2:
            continue
        context_node, text_node = node.args[0], node.args[1]
        context = (
            constants.get(context_node.id)
            if isinstance(context_node, ast.Name)
            else context_node.value
            if isinstance(context_node, ast.Constant)
            else None
        )
        text = _string(text_node)
        if isinstance(context, str) and text is not None:
            yield context, text


def _string(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):  # not translatable as one string
        return None
    return None


def lower_layer_strings() -> list[tuple[str, str]]:
    """Every message of ``editor/core`` and ``editor/services``, sorted, once each."""
    found: set[tuple[str, str]] = set()
    for layer in ("core", "services"):
        for path in sorted((ROOT / "editor" / layer).rglob("*.py")):
            found.update(message_calls(path))
    return sorted(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only count the strings")
    args = parser.parse_args()
    messages = lower_layer_strings()
    if args.check:
        print(f"{len(messages)} messages in core and services")
        return 0
    I18N.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        stub = Path(scratch) / "core_messages.py"
        stub.write_text(
            "".join(f"QT_TRANSLATE_NOOP({c!r}, {t!r})\n" for c, t in messages), encoding="utf-8"
        )
        sources = [str(p) for p in sorted((ROOT / "editor").rglob("*.py"))] + [str(stub)]
        translations = sorted(I18N.glob("postwright_*.ts"))
        targets = [str(TEMPLATE), *map(str, translations)]
        subprocess.run(
            [
                _tool("pyside6-lupdate"),
                "-no-obsolete",
                "-locations",
                "none",
                *sources,
                "-ts",
                *targets,
            ],
            check=True,
        )
    for translation in translations:
        subprocess.run(
            [
                _tool("pyside6-lrelease"),
                str(translation),
                "-qm",
                str(translation.with_suffix(".qm")),
            ],
            check=True,
        )
    print(f"{TEMPLATE.relative_to(ROOT)}: template; {len(translations)} translation(s) compiled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
