"""The frozen app's entry point (PyInstaller): the same as ``postwright`` from a venv.

The preview's render child is this same program started with ``--render-child``
(:mod:`editor.services.render_child`).
"""

import sys

from editor.services.render_child import CHILD_SWITCH

if __name__ == "__main__":
    if sys.argv[1:2] == [CHILD_SWITCH]:
        from editor.services.render_child import main as serve_as_render_child

        serve_as_render_child()
    else:
        from editor.__main__ import main

        sys.exit(main())
