"""The frozen app's entry point (PyInstaller): the same as ``postwright`` from a venv."""

import multiprocessing
import sys

from editor.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the preview's render process starts from this binary
    sys.exit(main())
