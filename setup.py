"""Ship ``resources/`` inside the package as ``editor/_resources`` (with the user guide).

Everything else about the build is declared in pyproject.toml; this only adds the copy step,
which setuptools cannot express for a folder that lives outside the package.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithResources(build_py):
    """build_py that also copies resources/ into the built package."""

    def run(self) -> None:
        super().run()
        bundled = Path(self.build_lib) / "editor" / "_resources"
        shutil.copytree("resources", bundled, dirs_exist_ok=True)
        (bundled / "help").mkdir(exist_ok=True)
        shutil.copy2("docs/user-guide.md", bundled / "help" / "user-guide.md")


setup(cmdclass={"build_py": BuildPyWithResources})
