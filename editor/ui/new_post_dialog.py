"""“New Post”: the site and the title, and nothing that can be derived."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from editor.core.profiles import Profile
from editor.core.profiles.new_post import NewPostPlan, plan_new_post

#: GitHub logins: letters, digits and single hyphens, at most 39 characters.
_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")


def _local_now() -> dt.datetime:
    return dt.datetime.now().astimezone()


class NewPostDialog(QDialog):
    """Asks for the site and the title; shows where the post will go before it is created."""

    def __init__(
        self,
        profiles: Sequence[Profile],
        taken_names: Callable[[Profile], set[str]],
        *,
        author: str = "",
        login: str = "",
        site: str = "",
        now: Callable[[], dt.datetime] = _local_now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New Post"))
        self._profiles = tuple(sorted(profiles, key=lambda profile: profile.name.casefold()))
        self._taken_names = taken_names
        self._now = now
        self.site_box = QComboBox(self)
        for profile in self._profiles:
            self.site_box.addItem(profile.name, profile.id)
        self.site_box.setCurrentIndex(max(0, self.site_box.findData(site)))
        self.title_edit = self._line_edit(self.tr("Title"), self.tr("What your post is called"))
        self.author_edit = self._line_edit(self.tr("Your name"), self.tr("As readers see it"))
        self.login_edit = self._line_edit(self.tr("GitHub login"), self.tr("e.g. octocat"))
        self.author_edit.setText(author)
        self.login_edit.setText(login)
        self.location_label = QLabel(self)
        self.location_label.setWordWrap(True)
        self.location_label.setAccessibleName(self.tr("Where the post will be saved"))
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Create Post"))
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        self._lay_out()
        for signal in (
            self.site_box.currentIndexChanged,
            self.title_edit.textChanged,
            self.author_edit.textChanged,
            self.login_edit.textChanged,
        ):
            signal.connect(self._on_input_changed)
        self._on_input_changed()
        self.title_edit.setFocus()

    def _line_edit(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("&Site:"), self.site_box)
        form.addRow(self.tr("&Title:"), self.title_edit)
        form.addRow(self.tr("Your &name:"), self.author_edit)
        form.addRow(self.tr("GitHub &login:"), self.login_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.location_label)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(520)

    # -- results ----------------------------------------------------------------------------

    def profile(self) -> Profile:
        return self._profiles[self.site_box.currentIndex()]

    def plan(self) -> NewPostPlan:
        """The post the current answers describe."""
        profile = self.profile()
        return plan_new_post(
            profile,
            self.title_edit.text(),
            now=self._now(),
            author=self.author_edit.text(),
            login=self.login_edit.text(),
            taken=self._taken_names(profile),
        )

    def _problem(self) -> str:
        if not self.title_edit.text().strip():
            return self.tr("Give your post a title.")
        if not self.author_edit.text().strip():
            return self.tr("Say how your name should appear on the post.")
        if not _LOGIN.fullmatch(self.login_edit.text().strip()):
            return self.tr("Enter your GitHub login (letters, digits and hyphens).")
        return ""

    @Slot()
    def _on_input_changed(self) -> None:
        problem = self._problem() if self._profiles else self.tr("No site profile is available.")
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
        if problem:
            self.location_label.setText(problem)
        else:
            self.location_label.setText(
                self.tr("It will be saved as {path}").format(path=self.plan().post_path)
            )
