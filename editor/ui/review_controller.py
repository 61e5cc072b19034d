"""Review mode in the window: the Review menu's commands, the pull request side panel, and
which review workspace or published article the open document belongs to.

The window builds one :class:`ReviewController` and hands it its document controller, the
profiles, the library folder and the account; everything else happens in the review dialogs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QMessageBox, QWidget

from editor.core.profiles.model import Profile
from editor.core.review.references import ArticleAddress, article_address_for
from editor.core.source_files import repository_location
from editor.ui.review_connection import ReviewConnection
from editor.ui.review_panel import ReviewPanel
from editor.ui.tasks import TaskRunner

# The dialogs and the review services (and PyGithub with them) are imported when a command is
# first used, so that opening the window does not load them.
if TYPE_CHECKING:
    from editor.services.review.articles import OpenedArticle
    from editor.services.review.pull_requests import PullDetails, ReviewWorkspace
    from editor.ui.review_article_dialogs import (
        OpenArticleDialog,
        ProposeEditDialog,
        ReportProblemDialog,
    )
    from editor.ui.review_open_dialog import OpenPullRequestDialog
    from editor.ui.review_send_dialog import SendChangesDialog


class _Document(Protocol):
    @property
    def path(self) -> Path | None: ...
    def is_modified(self) -> bool: ...
    def save(self) -> bool: ...
    def open_path(self, path: Path, *, ask: bool = True) -> bool: ...
    def check_disk(self) -> None: ...


class ReviewController(QObject):
    """Connects the Review menu to the review dialogs and the side panel."""

    def __init__(
        self,
        window: QMainWindow,
        document: _Document,
        editor: QWidget,
        actions: Mapping[str, QAction],
        *,
        tasks: TaskRunner,
        connection: ReviewConnection,
        library: Path,
        profiles: Sequence[Profile],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._document = document
        self._editor = editor
        self._tasks = tasks
        self.connection = connection
        self._library = library
        self._profiles = tuple(profiles)
        self.workspace: ReviewWorkspace | None = None
        self.details: PullDetails | None = None
        self.panel = ReviewPanel(window)
        self.dock = QDockWidget(self.tr("Pull Request"), window)
        self.dock.setObjectName("review_dock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.panel.send_requested.connect(self.send_changes)
        self.panel.file_activated.connect(self._document.open_path)
        actions["review.open_pull"].triggered.connect(self.open_pull_request)
        actions["review.open_article"].triggered.connect(self.open_article)
        actions["review.send_changes"].triggered.connect(self.send_changes)
        actions["review.propose_edit"].triggered.connect(self.propose_edit)
        actions["review.report_problem"].triggered.connect(self.report_problem)
        self._actions = actions
        toggle = self.dock.toggleViewAction()
        toggle.setObjectName("review.show_panel")
        for menu in actions["review.send_changes"].associatedObjects():
            if isinstance(menu, QMenu):
                items = menu.actions()
                at = items.index(actions["review.open_article"])
                before = items[at - 1] if at and items[at - 1].isSeparator() else items[at]
                menu.insertAction(before, toggle)
        self.update_actions()

    @property
    def reviews(self) -> Path:
        """Where review workspaces go: ``<library>/Reviews``."""
        return self._library / "Reviews"

    # -- what the open document is ------------------------------------------------------------

    def _current_profile_and_path(self) -> tuple[Profile, str] | None:
        path = self._document.path
        if path is None:
            return None
        for profile in self._profiles:
            _root, relative = repository_location(path, profile.post_path)
            if profile.published.addresses and article_address_for(profile, relative):
                return profile, PurePosixPath(relative).as_posix()
        return None

    def current_article(self) -> ArticleAddress | None:
        found = self._current_profile_and_path()
        return article_address_for(*found) if found else None

    def update_actions(self) -> None:
        """Enable what fits the open document (called when a document opens)."""
        in_review = self.workspace is not None
        self._actions["review.send_changes"].setEnabled(in_review)
        article = self.current_article()
        self._actions["review.report_problem"].setEnabled(article is not None)
        path = self._document.path
        in_library = (
            path is not None
            and path.is_relative_to(self._library)
            and not (path.is_relative_to(self.reviews))
        )
        self._actions["review.propose_edit"].setEnabled(article is not None and in_library)

    # -- commands -----------------------------------------------------------------------------

    def open_pull_request(self) -> OpenPullRequestDialog:
        from editor.ui.review_open_dialog import OpenPullRequestDialog  # noqa: PLC0415

        dialog = OpenPullRequestDialog(
            self.connection, self._tasks, self.reviews, self._profiles, self._window
        )
        site = self._current_site()
        if site is not None:  # the list starts on the site of the post the user is writing
            dialog.site_box.setCurrentIndex(max(0, dialog.site_box.findData(site.repository)))
        dialog.opened.connect(self.show_review)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _current_site(self) -> Profile | None:
        metadata = getattr(self._window, "metadata_controller", None)
        profile = getattr(metadata, "profile", None)
        return profile if isinstance(profile, Profile) else None

    def show_review(self, workspace: ReviewWorkspace, details: PullDetails) -> None:
        """The downloaded pull request: its first Markdown file in the editor, the panel."""
        self.workspace = workspace
        self.details = details
        self.panel.show_details(details, workspace.rejected)
        self.panel.set_files(workspace.root, workspace.state.markdown)
        self.dock.show()
        self.dock.raise_()
        files = workspace.markdown_files
        if files:
            self._document.open_path(files[0])
        else:
            self._tell(self.tr("This pull request changes no Markdown file that could be opened."))
        self.update_actions()

    def send_changes(self) -> SendChangesDialog | None:
        if self.workspace is None:
            return None
        if self._document.is_modified() and not self._document.save():
            return None
        from editor.ui.review_send_dialog import SendChangesDialog  # noqa: PLC0415

        dialog = SendChangesDialog(self.workspace, self.connection, self._tasks, self._window)
        dialog.pushed.connect(self._on_send_dialog_pushed)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _on_send_dialog_pushed(self, workspace: ReviewWorkspace) -> None:
        self.workspace = workspace
        self._document.check_disk()  # show the merged file and others' changes

    def open_article(self) -> OpenArticleDialog:
        from editor.ui.review_article_dialogs import OpenArticleDialog  # noqa: PLC0415

        dialog = OpenArticleDialog(
            self.connection, self._tasks, self._library, self._profiles, self._window
        )
        dialog.opened.connect(self._on_article_opened)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _on_article_opened(self, opened: OpenedArticle, _profile: Profile) -> None:
        self._document.open_path(opened.path)
        if not opened.downloaded:
            self._window.statusBar().showMessage(
                self.tr("Opened your copy of this article, kept as you left it."), 8000
            )
        self.update_actions()

    def propose_edit(self) -> ProposeEditDialog | None:
        found = self._current_profile_and_path()
        path = self._document.path
        if found is None or path is None:
            return None
        if self._document.is_modified() and not self._document.save():
            return None
        from editor.ui.review_article_dialogs import ProposeEditDialog  # noqa: PLC0415

        dialog = ProposeEditDialog(found[0], path, self.connection, self._tasks, self._window)
        dialog.proposed.connect(lambda _url: self._document.check_disk())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def report_problem(self) -> ReportProblemDialog | None:
        article = self.current_article()
        if article is None:
            return None
        cursor: QTextCursor = self._editor.textCursor()  # type: ignore[attr-defined]
        selection = cursor.selectedText().replace("\u2029", "\n")
        from editor.ui.review_article_dialogs import ReportProblemDialog  # noqa: PLC0415

        dialog = ReportProblemDialog(
            article,
            article.stem,
            selection,
            connection=self.connection,
            tasks=self._tasks,
            parent=self._window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _tell(self, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information, self.tr("Review"), text, parent=self._window
        )
        box.setObjectName("review_notice")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
