"""The main window: lays out the panels and connects their signals. No other logic lives here."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QByteArray, QEvent, Qt, QUrl, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from editor import __version__
from editor.core.profiles import ProfileSet
from editor.services.credentials import TokenStore
from editor.services.github.auth import Account
from editor.services.github.state_store import PublishStateStore
from editor.services.images import ImageHolding
from editor.services.library import Library, LibraryEntry
from editor.services.paths import app_paths
from editor.services.render_process import RenderOutcome, RenderProcess
from editor.services.settings import SettingsStore
from editor.services.spelling import PersonalDictionary
from editor.services.storage import StorageError
from editor.ui.account_controller import AccountController
from editor.ui.account_widget import AccountWidget
from editor.ui.actions import build_actions, populate_menus, populate_toolbar
from editor.ui.dialogs import show_problem
from editor.ui.document import DocumentController
from editor.ui.editor import FindReplaceBar, MarkdownEditor
from editor.ui.formatting import FormattingController
from editor.ui.help import (
    ReportProblemDialog,
    ShortcutsDialog,
    UserGuideWindow,
    problem_report,
    shortcut_rows,
)
from editor.ui.image_insert import ImageInserter, InsertTarget
from editor.ui.images_panel import ImagesController, ImagesPanel, holding_folder
from editor.ui.library_panel import LibraryPanel
from editor.ui.messages import translated
from editor.ui.metadata_controller import MetadataController
from editor.ui.metadata_panel import MetadataPanel
from editor.ui.new_post_dialog import NewPostDialog
from editor.ui.outline_panel import OutlineController, OutlinePanel
from editor.ui.preferences_dialog import PreferencesDialog
from editor.ui.preview import PreviewView
from editor.ui.preview_controller import PreviewController
from editor.ui.problem_bar import ProblemBar
from editor.ui.problems_panel import ProblemsController, ProblemsPanel
from editor.ui.review_connection import ReviewConnection
from editor.ui.review_controller import ReviewController
from editor.ui.spelling import SpellingController
from editor.ui.tasks import TaskRunner
from editor.ui.theme import WindowTheme, system_prefers_dark
from editor.ui.welcome import GuidedTour, TourStep, WelcomeDialog
from editor.ui.wheel_guard import guard_wheel

#: Bump when the panels change, so a layout saved by an older version is not restored.
DOCK_LAYOUT_VERSION = 2
PREVIEW_ZOOM_STEPS = (0.5, 0.67, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)


class MainWindow(QMainWindow):
    """Editor and live preview side by side, with the file, edit and view commands."""

    def __init__(
        self,
        settings: SettingsStore,
        tasks: TaskRunner,
        renderer: RenderProcess,
        window_theme: WindowTheme | None = None,
        *,
        profiles: ProfileSet | None = None,
        library: Library | None = None,
        account: AccountController | None = None,
    ) -> None:
        super().__init__()
        self._window_theme = window_theme  # None: leave the application's colours alone
        self._profiles = profiles or ProfileSet(())
        self._library = library
        self.setObjectName("main_window")
        self._settings = settings
        self._tasks = tasks
        self._renderer = renderer
        self._theme = "system"
        self._restoring = True  # applying saved preferences: do not write them back yet
        self.actions_by_id = build_actions(self)
        self.editor = MarkdownEditor(self)
        self.find_bar = FindReplaceBar(self)
        self.find_bar.attach(self.editor)
        self.problem_bar = ProblemBar(self)  # problems with the post's text
        self.file_bar = ProblemBar(self)  # problems with the post's file
        self.file_bar.setObjectName("file_bar")
        self.notice_bar = ProblemBar(self)  # problems with the app's own set-up (site profiles)
        self.notice_bar.setObjectName("notice_bar")
        # The web engine starts once the window has been painted: the post can be read and
        # typed into while it starts (decision 0011).
        self.preview = PreviewView(self, defer_engine=True)
        self.metadata_panel = MetadataPanel(self)
        self.document = DocumentController(self.editor, self, settings.state.last_directory or "")
        self.document.library_folder = library.root if library is not None else None
        self.metadata_controller = MetadataController(
            self.editor, self.metadata_panel, self._profiles, self
        )
        self.preview_controller = PreviewController(
            self.editor, self.preview, tasks, renderer, self
        )
        self.formatting = FormattingController(self.editor, self)
        self.spelling = SpellingController(
            self.editor,
            tasks,
            PersonalDictionary(settings.path.parent / "dictionary.txt"),
            enabled=settings.preferences.spell_check,
            language=settings.preferences.spelling_language,
            parent=self,
        )
        self._zoom_index = PREVIEW_ZOOM_STEPS.index(1.0)
        self._layout_panels()
        self._build_menus()
        self._build_status_bar()
        self._connect()
        self._build_images(tasks)
        self._build_account(account, tasks)
        self._build_publish(tasks)
        self._build_review(tasks)
        self._build_problems(tasks)
        self._build_outline(tasks)
        self._apply_preferences()
        self._restore_window_state()
        self._report_profile_problems()
        self._restoring = False
        self._update_title()

    @property
    def settings(self) -> SettingsStore:
        """The preferences and window state this window reads and writes."""
        return self._settings

    # -- construction -----------------------------------------------------------------------

    def _layout_panels(self) -> None:
        self.editor_pane = QWidget(self)
        self.editor_pane.setObjectName("editor_pane")
        column = QVBoxLayout(self.editor_pane)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.notice_bar)
        column.addWidget(self.file_bar)
        column.addWidget(self.problem_bar)
        column.addWidget(self.editor, 1)
        column.addWidget(self.find_bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main_splitter")
        self.splitter.setAccessibleName(self.tr("Editor and preview"))
        self.editor_pane.setAccessibleName(self.tr("Editor pane"))
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.editor_pane)
        self.splitter.addWidget(self.preview)
        self.setCentralWidget(self.splitter)
        self.library_dock = self._make_library_dock()
        self.metadata_dock = QDockWidget(self.tr("Metadata"), self)
        self.metadata_dock.setObjectName("metadata_dock")
        self.metadata_dock.setWidget(self._make_metadata_pane())
        self.metadata_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.metadata_dock)
        if self.library_dock is not None:
            self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library_dock)
            self.tabifyDockWidget(self.library_dock, self.metadata_dock)
            self.library_dock.raise_()  # opening the app shows the user's posts first

    def _make_metadata_pane(self) -> QWidget:
        """The form under a "Site" chooser (for posts that match no site by themselves)."""
        pane = QWidget(self)
        self.site_box = QComboBox(pane)
        self.site_box.setAccessibleName(self.tr("Site this post is for"))
        guard_wheel(self.site_box)  # scrolling past it does not switch the post's site
        self.site_box.addItem(self.tr("No site (front matter shown as text)"), "")
        for profile in sorted(self._profiles.profiles, key=lambda p: p.name.casefold()):
            self.site_box.addItem(profile.name, profile.id)
        row = QHBoxLayout()
        label = QLabel(self.tr("&Site:"), pane)
        label.setBuddy(self.site_box)
        row.addWidget(label)
        row.addWidget(self.site_box, 1)
        column = QVBoxLayout(pane)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.metadata_panel, 1)
        return pane

    def _make_library_dock(self) -> QDockWidget | None:
        """The list of the user's posts (only when there is a library to list)."""
        if self._library is None:
            self.library_panel = None
            return None
        published = PublishStateStore.for_app(app_paths(os.environ))
        self.library_panel = LibraryPanel(
            self._library,
            self._profiles.profiles,
            self,
            pull_request_of=lambda path: published.load(path).pull_number,
        )
        dock = QDockWidget(self.tr("My Posts"), self)
        dock.setObjectName("library_dock")
        dock.setWidget(self.library_panel)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        return dock

    def _build_menus(self) -> None:
        menus = populate_menus(self.menuBar(), self.actions_by_id)
        preferences = self.actions_by_id["edit.preferences"]
        menus["edit"].insertSeparator(preferences)
        menus["edit"].insertAction(preferences, self.spelling.toggle_action)
        menus["edit"].insertMenu(preferences, self.spelling.language_menu)
        self.recent_menu = QMenu(self.tr("Open &Recent"), self)
        self.recent_menu.setObjectName("menu.recent")
        menus["file"].insertMenu(self.actions_by_id["file.save"], self.recent_menu)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        toolbar = QToolBar(self.tr("Main toolbar"), self)
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        populate_toolbar(toolbar, self.actions_by_id)
        self.addToolBar(toolbar)
        self.menuBar().insertMenu(menus["view"].menuAction(), self.formatting.menu)
        self.addToolBar(self.formatting.toolbar)

    def _build_status_bar(self) -> None:
        self.position_label = QLabel(self)
        self.words_label = QLabel(self)
        self.zoom_label = QLabel(self)
        for label, name in (
            (self.position_label, self.tr("Cursor position")),
            (self.words_label, self.tr("Word count and reading time")),
            (self.zoom_label, self.tr("Zoom")),
        ):
            label.setAccessibleName(name)
            self.statusBar().addPermanentWidget(label)
        self._on_editor_cursor_moved()
        self._show_zoom(self.editor.zoom_percent())

    def _build_account(self, account: AccountController | None, tasks: TaskRunner) -> None:
        """The GitHub account: in the status bar, signed in and out from the File menu."""
        self.account = account or AccountController(
            self._settings, tasks, TokenStore(), parent=self
        )
        self.account.set_window(self)
        self.account_widget = AccountWidget(self)
        self.statusBar().addPermanentWidget(self.account_widget)
        a = self.actions_by_id
        a["file.sign_in"].triggered.connect(self._sign_in)
        a["file.sign_out"].triggered.connect(self.account.sign_out)
        self.account_widget.sign_in_requested.connect(self._sign_in)
        self.account_widget.sign_out_requested.connect(self.account.sign_out)
        self.account.account_changed.connect(self._on_account_changed)
        self.account.problem_reported.connect(self._on_account_problem_reported)
        self.account.avatar_fetched.connect(self.account_widget.badge.set_picture)
        self.account_widget.picture_requested.connect(self.account.fetch_picture)
        self._show_account(self.account.account())

    def _build_publish(self, tasks: TaskRunner) -> None:
        """File ▸ Publish…: the post in the editor as a pull request (ui/publish_dialog.py)."""
        self.actions_by_id["file.publish"].triggered.connect(lambda: self._open_publish(tasks))

    def _open_publish(self, tasks: TaskRunner) -> None:
        # Imported here: the publish dialog brings PyGithub and requests, which the window
        # does not need until the user publishes (start-up time).
        from editor.ui.publish_dialog import open_publish_dialog  # noqa: PLC0415

        open_publish_dialog(self, tasks)

    def _build_review(self, tasks: TaskRunner) -> None:
        """The Review menu: pull requests and published articles (ui/review_controller.py)."""
        connection = ReviewConnection(
            self.account.token,
            lambda: self.account.server().api_url,
            on_token_rejected=self.account.report_token_rejected,
        )
        library = self._library.root if self._library is not None else self._settings.path.parent
        self.review = ReviewController(
            self,
            self.document,
            self.editor,
            self.actions_by_id,
            tasks=tasks,
            connection=connection,
            library=library,
            profiles=self._profiles.profiles,
        )
        self.document.document_opened.connect(lambda _path: self.review.update_actions())

    @Slot()
    def _sign_in(self) -> None:
        self.account.sign_in()

    def _show_account(self, account: Account | None) -> None:
        self.account_widget.set_account(account)
        self.actions_by_id["file.sign_in"].setEnabled(account is None)
        self.actions_by_id["file.sign_out"].setEnabled(account is not None)

    @Slot(object)
    def _on_account_changed(self, account: Account | None) -> None:
        self._show_account(account)
        if account is None:
            self.statusBar().showMessage(self.tr("Signed out of GitHub"), 6000)
        else:
            self.statusBar().showMessage(
                self.tr("Signed in to GitHub as {login}").format(login=account.login), 6000
            )

    @Slot(str)
    def _on_account_problem_reported(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("GitHub sign-in"), text, parent=self)
        box.setObjectName("account_problem")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not exec(): the window goes on while the message is shown

    def _build_problems(self, tasks: TaskRunner) -> None:
        """The Problems panel (below the editor): the checks, run as the user types."""
        self.problems_panel = ProblemsPanel(self)
        self.problems_controller = ProblemsController(
            self.editor,
            self.problems_panel,
            tasks,
            lambda: (self.document.path, self.metadata_controller.profile),
            parent=self,
            analyse=self._renderer.analyse,
        )
        self.problems_dock = QDockWidget(self.tr("Problems"), self)
        self.problems_dock.setObjectName("problems_dock")
        self.problems_dock.setWidget(self.problems_panel)
        self.problems_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        # a few lines of problems; the editor and the preview keep most of the height
        self.resizeDocks([self.problems_dock], [140], Qt.Orientation.Vertical)
        show = self.actions_by_id["view.show_problems"]
        show.triggered.connect(lambda shown: self.problems_dock.setVisible(shown))  # noqa: PLW0108
        self.problems_dock.toggleViewAction().toggled.connect(show.setChecked)
        show.setChecked(True)
        self.actions_by_id["view.check_links"].triggered.connect(
            self.problems_controller.check_links
        )
        self.actions_by_id["view.next_problem"].triggered.connect(
            self.problems_controller.go_to_next_problem
        )
        self.actions_by_id["view.previous_problem"].triggered.connect(
            self.problems_controller.go_to_previous_problem
        )
        self.problems_controller.notice.connect(self._show_status)
        self.document.document_opened.connect(lambda _path: self.problems_controller.set_document())
        self.metadata_controller.profile_changed.connect(
            lambda _id: self.problems_controller.schedule()
        )
        self.problems_controller.schedule()

    def _build_outline(self, tasks: TaskRunner) -> None:
        """The Outline panel (a tab beside the metadata): the post's headings."""
        self.outline_panel = OutlinePanel(self)
        self.outline_controller = OutlineController(
            self.editor, self.outline_panel, tasks, analyse=self._renderer.analyse
        )
        self.outline_dock = QDockWidget(self.tr("Outline"), self)
        self.outline_dock.setObjectName("outline_dock")
        self.outline_dock.setWidget(self.outline_panel)
        self.outline_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.outline_dock)
        self.tabifyDockWidget(self.metadata_dock, self.outline_dock)
        if self.library_dock is not None:
            self.library_dock.raise_()
        show = self.actions_by_id["view.show_outline"]
        show.setChecked(True)
        show.triggered.connect(self._show_outline)
        self.outline_dock.toggleViewAction().toggled.connect(show.setChecked)
        self.outline_controller.refresh()

    @Slot(bool)
    def _show_outline(self, shown: bool) -> None:
        self.outline_dock.setVisible(shown)
        if shown:
            self.outline_dock.raise_()
            self.outline_panel.tree.setFocus()

    def _build_images(self, tasks: TaskRunner) -> None:
        """The Images panel (a tab beside the metadata) and pictures pasted or dropped."""
        self.images_panel = ImagesPanel(self)
        self.image_inserter = ImageInserter(
            self.editor,
            tasks,
            self._image_target,
            optimise=lambda: self._settings.preferences.optimise_images,
            optimise_chosen=lambda on: self._settings.update_preferences(optimise_images=on),
            picture_folder=lambda: self._settings.state.last_picture_directory or "",
            picture_folder_chosen=lambda folder: self._settings.update_state(
                last_picture_directory=folder
            ),
            parent=self,
        )
        holding = ImageHolding(holding_folder(app_paths(os.environ).state_dir))
        self.images_controller = ImagesController(
            self.editor,
            self.images_panel,
            self.image_inserter,
            tasks,
            holding=holding,
            context=lambda: (self.document.path, self.metadata_controller.profile),
            parent=self,
        )
        self.editor.set_mime_hook(self.image_inserter)
        self.images_dock = QDockWidget(self.tr("Images"), self)
        self.images_dock.setObjectName("images_dock")
        self.images_dock.setWidget(self.images_panel)
        self.images_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.images_dock)
        self.tabifyDockWidget(self.metadata_dock, self.images_dock)
        if self.library_dock is not None:
            self.library_dock.raise_()
        self.actions_by_id["edit.insert_image"].triggered.connect(self.image_inserter.choose_files)
        self.actions_by_id["view.show_images"].triggered.connect(self._show_images)
        self.image_inserter.notice.connect(self._show_status)
        self.images_controller.notice.connect(self._show_status)
        self.document.document_opened.connect(lambda _path: self.images_controller.set_document())
        self.document.document_saved.connect(lambda _path: self.images_controller.refresh())
        self.metadata_controller.profile_changed.connect(
            lambda _id: self.images_controller.refresh()
        )
        self.images_controller.set_document()

    @Slot()
    def _show_images(self) -> None:
        self.images_dock.show()
        self.images_dock.raise_()
        self.images_panel.image_list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _image_target(self) -> InsertTarget | None:
        """Where pictures of the open post go (the controller knows its site and folder)."""
        return self.images_controller.target()

    def _connect(self) -> None:
        a = self.actions_by_id
        doc = self.document
        a["file.new_post"].triggered.connect(self._new_post)
        a["file.new_post"].setEnabled(bool(self._profiles.profiles) and self._library is not None)
        a["file.new"].triggered.connect(doc.new)
        a["file.open"].triggered.connect(doc.open_dialog)
        a["file.save"].triggered.connect(doc.save)
        a["file.save_as"].triggered.connect(doc.save_as)
        a["file.close"].triggered.connect(doc.new)
        a["file.quit"].triggered.connect(self.close)
        self._connect_edit_actions()
        self._connect_view_actions()
        self.formatting.notice.connect(self._show_status)
        self.spelling.notice.connect(self._show_status)
        self.spelling.toggle_action.toggled.connect(
            lambda on: self._settings.update_preferences(spell_check=on)
        )
        self.spelling.language_chosen.connect(self._on_spelling_language_chosen)
        self.actions_by_id["edit.preferences"].triggered.connect(self.show_preferences)
        self.actions_by_id["help.user_guide"].triggered.connect(self._show_user_guide)
        self.actions_by_id["help.shortcuts"].triggered.connect(self._show_shortcuts)
        self.actions_by_id["help.tour"].triggered.connect(self.start_tour)
        self.actions_by_id["help.report_problem"].triggered.connect(self._report_problem)
        a["help.about"].triggered.connect(self._show_about)
        doc.document_opened.connect(self._on_document_opened)
        doc.document_saved.connect(self._on_document_saved)
        doc.file_missing.connect(self._on_document_file_missing)
        doc.reloaded.connect(self._on_document_reloaded)
        doc.notice.connect(lambda text: self.file_bar.show_problem(text, None))
        self.editor.document().modificationChanged.connect(self._update_title)
        self.editor.cursorPositionChanged.connect(self._on_editor_cursor_moved)
        self.editor.zoom_changed.connect(self._show_zoom)
        self.preview.link_activated.connect(self._on_preview_link_activated)
        self.preview_controller.rendered.connect(self._on_preview_rendered)
        self.preview_controller.render_failed.connect(self._on_render_failed)
        self.problem_bar.go_to_line_requested.connect(self.editor.go_to_line)
        self.metadata_controller.edit_refused.connect(self._show_status)
        self.metadata_controller.profile_changed.connect(self._on_metadata_profile_changed)
        self.site_box.activated.connect(self._on_site_box_activated)

    def _connect_edit_actions(self) -> None:
        a, ed = self.actions_by_id, self.editor
        a["edit.undo"].triggered.connect(ed.undo)
        a["edit.redo"].triggered.connect(ed.redo)
        a["edit.cut"].triggered.connect(ed.cut)
        a["edit.copy"].triggered.connect(self._copy)
        a["edit.paste"].triggered.connect(ed.paste)
        a["edit.select_all"].triggered.connect(self._select_all)
        a["edit.find"].triggered.connect(self.find_bar.show_find)
        a["edit.replace"].triggered.connect(self.find_bar.show_replace)
        a["edit.find_next"].triggered.connect(self.find_bar.find_next)
        a["edit.find_previous"].triggered.connect(self.find_bar.find_previous)
        ed.undoAvailable.connect(a["edit.undo"].setEnabled)
        ed.redoAvailable.connect(a["edit.redo"].setEnabled)
        a["edit.undo"].setEnabled(False)
        a["edit.redo"].setEnabled(False)

    def _connect_view_actions(self) -> None:
        a = self.actions_by_id
        a["view.switch_pane"].triggered.connect(self._switch_pane)
        # The View actions show and hide their docks only when the user chooses them
        # (triggered), while the docks' own toggles keep the actions' check marks true. Were
        # the actions to follow their check marks (toggled), a dock hidden for a moment by
        # Qt itself (when it re-creates the window for the preview's web engine) would be
        # hidden for good. (Lambdas: given setVisible itself, PySide connects its overload
        # without the checked state.)
        a["view.show_metadata"].triggered.connect(
            lambda shown: self.metadata_dock.setVisible(shown)  # noqa: PLW0108
        )
        self._connect_library()
        # the dock's own toggle action knows "closed by the user" (not just "tab in the back")
        self.metadata_dock.toggleViewAction().toggled.connect(a["view.show_metadata"].setChecked)
        a["view.show_metadata"].toggled.connect(self._save_preferences)
        a["view.show_editor"].toggled.connect(self._on_show_editor_toggled)
        a["view.show_preview"].toggled.connect(self._on_show_preview_toggled)
        a["view.sync_scroll"].toggled.connect(self.preview_controller.set_sync_scroll)
        a["view.word_wrap"].toggled.connect(self.editor.set_word_wrap)
        a["view.allow_remote"].toggled.connect(self.preview_controller.set_remote_allowed)
        for action_id in ("view.sync_scroll", "view.word_wrap", "view.allow_remote"):
            a[action_id].toggled.connect(self._save_preferences)
        a["view.zoom_in"].triggered.connect(lambda: self._zoom(+1))
        a["view.zoom_out"].triggered.connect(lambda: self._zoom(-1))
        a["view.zoom_reset"].triggered.connect(lambda: self._zoom(0))
        for theme in ("system", "light", "dark"):
            a[f"view.theme_{theme}"].triggered.connect(
                lambda _checked=False, t=theme: self._set_theme(t)
            )

    def _apply_preferences(self) -> None:
        prefs = self._settings.preferences
        a = self.actions_by_id
        a["view.show_editor"].setChecked(prefs.show_editor)
        a["view.show_preview"].setChecked(prefs.show_preview)
        a["view.show_metadata"].setChecked(prefs.show_metadata)
        self.metadata_dock.setVisible(prefs.show_metadata)
        a["view.sync_scroll"].setChecked(prefs.sync_scroll)
        a["view.word_wrap"].setChecked(prefs.word_wrap)
        a["view.allow_remote"].setChecked(prefs.allow_remote_content)
        # setChecked only signals a change: apply the state itself once, whatever it was
        self.editor.set_word_wrap(prefs.word_wrap)
        self.preview_controller.set_sync_scroll(prefs.sync_scroll)
        self.preview_controller.set_remote_allowed(prefs.allow_remote_content)
        self.editor_pane.setVisible(prefs.show_editor or not prefs.show_preview)
        self.preview.setVisible(prefs.show_preview)
        self._set_theme(prefs.theme)
        self.editor.set_editor_font(prefs.editor_font_family or None, prefs.editor_font_size)
        self.spelling.set_enabled(prefs.spell_check)

    @Slot()
    def show_preferences(self) -> None:
        """Let the user change the preferences; what changed applies at once."""
        dialog = PreferencesDialog(self._settings.preferences, self)
        if dialog.exec() != PreferencesDialog.DialogCode.Accepted:
            return
        changes = dict(dialog.changes())
        if not changes:
            return
        problem = self._settings.update_preferences(**changes)
        if problem is not None:
            self._show_status(translated(problem))
        self._restoring = True  # applying them must not write them back one by one
        try:
            self._apply_preferences()
        finally:
            self._restoring = False

    def _restore_window_state(self) -> None:
        state = self._settings.state
        if state.geometry:
            self.restoreGeometry(QByteArray.fromBase64(state.geometry.encode("ascii")))
        else:
            self.resize(1280, 800)
        if state.docks:  # where the user put the panels; a layout of another version is ignored
            docks = QByteArray.fromBase64(state.docks.encode("ascii"))
            self.restoreState(docks, DOCK_LAYOUT_VERSION)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        if state.splitter_sizes and sum(state.splitter_sizes) > 0:
            self.splitter.setSizes(list(state.splitter_sizes))
        else:
            half = max(self.width() // 2, 200)
            self.splitter.setSizes([half, half])

    # -- opening ----------------------------------------------------------------------------

    def open_initial(
        self, path: Path | None, sample: Callable[[], Path], *, force_sample: bool = False
    ) -> None:
        """Open ``path``, else the most recent post, else the sample post.

        A file named on the command line that cannot be opened is reported (by the document
        controller) and the window opens untitled rather than on something else.
        """
        if force_sample:
            self.document.open_path(sample(), ask=False)
        elif path is not None:
            self.document.open_path(path, ask=False)
        elif not self._open_most_recent():
            self.document.open_path(sample(), ask=False)

    def _open_most_recent(self) -> bool:
        recent = self._settings.state.recent_files
        return (
            bool(recent)
            and Path(recent[0]).is_file()
            and self.document.open_path(Path(recent[0]), ask=False)
        )

    # -- slots ------------------------------------------------------------------------------

    @Slot(object)
    def _on_document_opened(self, path: Path | None) -> None:
        self.preview_controller.set_document_root(path.parent if path else None)
        self.preview_controller.set_document_path(path)
        self.metadata_controller.set_document(path)
        if path is not None:
            self._settings.add_recent_file(str(path))
        remembered = self._settings.state.language_of(path) if path is not None else None
        self.spelling.set_language(remembered or self._settings.preferences.spelling_language)
        self.problem_bar.clear()
        self.file_bar.clear()
        self._update_title()

    @Slot(str)
    def _on_spelling_language_chosen(self, code: str) -> None:
        """Remember the language for this post, and as the default for new ones."""
        self._settings.update_preferences(spelling_language=code)
        path = self.document.path
        if path is not None:
            self._settings.update_state(
                post_languages=self._settings.state.with_post_language(path, code).post_languages
            )

    @Slot(Path)
    def _on_document_saved(self, path: Path) -> None:
        self.preview_controller.set_document_root(path.parent)
        self.preview_controller.set_document_path(path)
        self._settings.add_recent_file(str(path))
        self.file_bar.clear()
        self.statusBar().showMessage(self.tr("Saved {name}").format(name=path.name), 4000)
        self._update_title()

    @Slot(Path)
    def _on_document_file_missing(self, path: Path) -> None:
        self.file_bar.show_problem(
            self.tr(
                "“{name}” was deleted or moved by another program. Your text is still here: "
                "save it to write the file again."
            ).format(name=path.name),
            None,
        )

    @Slot(Path)
    def _on_document_reloaded(self, path: Path) -> None:
        self.statusBar().showMessage(
            self.tr("{name} was changed by another program and has been reloaded").format(
                name=path.name
            ),
            8000,
        )

    def _report_profile_problems(self) -> None:
        """A site profile the user added that does not load is named, and the app goes on."""
        problems = self._profiles.problems
        if not problems:
            return
        first = translated(problems[0].message)
        more = len(problems) - 1
        text = (
            self.tr("A site profile could not be loaded: {problem}").format(problem=first)
            if not more
            else self.tr("{count} site profiles could not be loaded. The first: {problem}").format(
                count=len(problems), problem=first
            )
        )
        self.notice_bar.show_problem(text, None)

    def _connect_library(self) -> None:
        show = self.actions_by_id["view.show_library"]
        if self.library_panel is None or self.library_dock is None:
            show.setEnabled(False)
            return
        show.triggered.connect(lambda shown: self.library_dock.setVisible(shown))  # noqa: PLW0108
        self.library_dock.toggleViewAction().toggled.connect(show.setChecked)
        show.setChecked(True)
        self.library_panel.post_activated.connect(self._on_library_panel_post_activated)
        self.library_panel.post_moved.connect(self._on_library_panel_post_moved)
        self.library_panel.post_removed.connect(self._on_library_panel_post_removed)
        self.document.document_saved.connect(self._refresh_library)
        self._refresh_library()

    def refresh_library(self) -> None:
        """List the user's posts again (after something outside the window changed them)."""
        self._refresh_library()

    @Slot()
    def _refresh_library(self) -> None:
        """List the posts again and offer their tags for completion (read off the GUI thread:
        a library of many posts must not make the window wait)."""
        if self.library_panel is None or self._library is None:
            return
        library, profiles = self._library, self._profiles.profiles
        self._tasks.submit(
            lambda: (library.entries(profiles), library.known_tags(profiles)),
            self._on_library_read,
            self._on_library_read_failed,
            group="library",
            owner=self,
        )

    def _on_library_read(self, read: tuple[list[LibraryEntry], set[str]]) -> None:
        entries, tags = read
        if self.library_panel is not None:
            self.library_panel.show_entries(entries)
        self.metadata_panel.set_known_tags(tags)

    def _on_library_read_failed(self, error: BaseException) -> None:
        self._show_status(
            self.tr("Your posts could not be listed: {reason}").format(reason=str(error))
        )

    @Slot(Path)
    def _on_library_panel_post_activated(self, path: Path) -> None:
        """Open the chosen post and turn to its metadata."""
        if self.document.open_path(path):
            self.metadata_dock.raise_()

    @Slot(Path, Path)
    def _on_library_panel_post_moved(self, old: Path, new: Path) -> None:
        if self.document.path == old:
            self.document.relocate(new)

    @Slot(Path)
    def _on_library_panel_post_removed(self, path: Path) -> None:
        if self.document.path == path:
            self.document.new()  # asks first if the editor still holds unsaved words

    @Slot(str)
    def _on_metadata_profile_changed(self, profile_id: str) -> None:
        self.site_box.setCurrentIndex(max(0, self.site_box.findData(profile_id)))
        self.formatting.set_profile(self._profiles.get(profile_id))
        self.spelling.set_profile(self._profiles.get(profile_id))
        self.preview_controller.set_profile(self._profiles.get(profile_id))

    @Slot(int)
    def _on_site_box_activated(self, index: int) -> None:
        self.metadata_controller.choose_profile(self.site_box.itemData(index) or "")

    @Slot(str)
    def _show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    @Slot(object)
    def _on_preview_rendered(self, outcome: RenderOutcome) -> None:
        self.metadata_controller.refresh()
        # Qt substitutes %n and picks the plural form a translation gives; the source text
        # itself (English) has the two forms written out.
        count = outcome.words
        words = self.tr("%n word", "", count) if count == 1 else self.tr("%n words", "", count)
        minutes = self.tr("%n min read", "", outcome.reading_minutes)
        self.words_label.setText(f"{words} · {minutes}")
        problem = outcome.result.front_matter_problem
        if problem:
            line = outcome.result.front_matter_problem_line
            self.problem_bar.show_problem(translated(problem), line)
        else:
            self.problem_bar.clear()

    @Slot(str)
    def _on_render_failed(self, description: str) -> None:
        self.statusBar().showMessage(description, 10_000)

    @Slot()
    def _on_editor_cursor_moved(self) -> None:
        cursor = self.editor.textCursor()
        self.position_label.setText(
            self.tr("Line {line}, column {column}").format(
                line=cursor.blockNumber() + 1, column=cursor.positionInBlock() + 1
            )
        )

    @Slot(int)
    def _show_zoom(self, percent: int) -> None:
        self.zoom_label.setText(self.tr("Zoom {percent}%").format(percent=percent))

    @Slot(QUrl)
    def _on_preview_link_activated(self, url: QUrl) -> None:
        if url.isLocalFile():  # a link to another post beside this one: open it here
            self.document.open_path(Path(url.toLocalFile()))
        elif url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
            self.statusBar().showMessage(
                self.tr("Opened {url} in your browser").format(url=url.toDisplayString()), 4000
            )

    @Slot(bool)
    def _on_show_editor_toggled(self, visible: bool) -> None:
        if not visible and not self.actions_by_id["view.show_preview"].isChecked():
            self.actions_by_id["view.show_preview"].setChecked(True)
        top = self.editor.first_visible_line()
        self.editor_pane.setVisible(visible)
        self.editor.scroll_to_line(top)  # a pane shown again is where it was
        self._save_preferences()

    @Slot(bool)
    def _on_show_preview_toggled(self, visible: bool) -> None:
        if not visible and not self.actions_by_id["view.show_editor"].isChecked():
            self.actions_by_id["view.show_editor"].setChecked(True)
        self.preview.setVisible(visible)
        if visible:
            self.preview_controller.sync_preview_to_editor()
        self._save_preferences()

    @Slot()
    def _new_post(self) -> None:
        """Ask for the site and title, create the post in the library and open it."""
        if self._library is None or not self.document.maybe_discard():
            return
        prefs = self._settings.preferences
        signed_in = self.account.account()  # the signed-in account knows who the author is
        dialog = NewPostDialog(
            self._profiles.profiles,
            self._library.taken_names,
            author=prefs.author_name or (signed_in.name if signed_in else ""),
            login=signed_in.login if signed_in else prefs.github_login,
            site=prefs.last_site,
            parent=self,
        )
        if dialog.exec() != NewPostDialog.DialogCode.Accepted:
            return
        profile, plan = dialog.profile(), dialog.plan()
        try:
            created = self._library.create_post(profile, plan)
        except StorageError as error:
            show_problem(self, self.tr("Could not create the post"), error.message)
            return
        self._settings.update_preferences(
            author_name=dialog.author_edit.text().strip(),
            github_login=dialog.login_edit.text().strip(),
            last_site=profile.id,
        )
        self.document.open_path(created, ask=False)
        self._refresh_library()

    def _preview_has_focus(self) -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and self.preview.isAncestorOf(focus)

    @Slot()
    def _copy(self) -> None:
        """Copy from whichever pane has the focus."""
        if self._preview_has_focus():
            self.preview.copy_selection()
        else:
            self.editor.copy()

    @Slot()
    def _select_all(self) -> None:
        if self._preview_has_focus():
            self.preview.select_all()
        else:
            self.editor.selectAll()

    @Slot()
    def _switch_pane(self) -> None:
        """F6: move the keyboard focus between the editor and the preview."""
        if self._preview_has_focus() or not self.preview.isVisible():
            self.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.preview.web_view().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _zoom(self, step: int) -> None:
        if step == 0:
            self._zoom_index = PREVIEW_ZOOM_STEPS.index(1.0)
            self.editor.reset_zoom()
        else:
            self._zoom_index = max(0, min(len(PREVIEW_ZOOM_STEPS) - 1, self._zoom_index + step))
            (self.editor.zoom_in if step > 0 else self.editor.zoom_out)()
        self.preview.set_zoom(PREVIEW_ZOOM_STEPS[self._zoom_index])

    def _set_theme(self, theme: str) -> None:
        if f"view.theme_{theme}" not in self.actions_by_id:
            theme = "system"
        self.actions_by_id[f"view.theme_{theme}"].setChecked(True)
        self._theme = theme
        if self._window_theme is not None:
            dark = self._window_theme.apply(theme)
        else:
            dark = system_prefers_dark() if theme == "system" else theme == "dark"
        self.editor.set_dark(dark)
        self.preview.set_dark(dark)
        self._save_preferences()

    def _update_title(self) -> None:
        self.setWindowTitle(
            self.tr("{name}[*] — Postwright").format(name=self.document.display_name())
        )
        self.setWindowModified(self.editor.document().isModified())

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self._settings.state.recent_files
        for index, name in enumerate(recent, start=1):
            shown = name.replace("&", "&&")  # a "&" in a path is text, not a key
            action = QAction(f"&{index % 10} {shown}", self.recent_menu)
            action.triggered.connect(lambda _c=False, n=name: self.document.open_path(Path(n)))
            self.recent_menu.addAction(action)
        if not recent:
            empty = self.recent_menu.addAction(self.tr("No recent posts"))
            empty.setEnabled(False)

    # -- help and the first start ----------------------------------------------------------

    @Slot()
    def _show_user_guide(self) -> None:
        UserGuideWindow(self).open()

    @Slot()
    def _show_shortcuts(self) -> None:
        menus = [action.menu() for action in self.menuBar().actions()]
        rows = shortcut_rows(menu for menu in menus if isinstance(menu, QMenu))
        ShortcutsDialog(rows, self).open()

    @Slot()
    def _report_problem(self) -> None:
        site = self.metadata_controller.profile
        extra = [("Site profile", site.id)] if site is not None else []
        ReportProblemDialog(problem_report(extra), self).open()

    def start_welcome(self, sample: Callable[[str], Path]) -> None:
        """The first start: the welcome, then the sample post of the chosen site and the tour."""
        dialog = WelcomeDialog(self._profiles.profiles, self._settings.preferences.last_site, self)
        dialog.sign_in_requested.connect(self._sign_in)

        def done(_result: int) -> None:
            site = dialog.chosen_site()
            chosen = {"last_site": site} if site else {}
            self._settings.update_preferences(welcome_done=True, **chosen)
            self.document.open_path(sample(site), ask=False)
            self.start_tour()

        dialog.finished.connect(done)
        dialog.open()

    @Slot()
    def start_tour(self) -> None:
        """Point at each part of the window in turn (a tour already showing is replaced)."""
        previous = getattr(self, "tour", None)
        if previous is not None and shiboken6.isValid(previous):
            previous.finish()
        self.tour = GuidedTour(self, self._tour_steps())
        self.tour.start()

    def _tour_steps(self) -> list[TourStep]:
        def dock(name: str) -> Callable[[], QWidget | None]:
            return lambda: getattr(self, name, None)

        def raise_dock(name: str) -> Callable[[], object]:
            return lambda: getattr(self, name).raise_()

        return [
            TourStep(
                lambda: self.editor_pane,
                self.tr("Write here"),
                self.tr(
                    "Your post, in Markdown. The Format menu and toolbar write the syntax for"
                    " you; paste or drop pictures straight in."
                ),
            ),
            TourStep(
                lambda: self.preview,
                self.tr("See it as readers will"),
                self.tr(
                    "The preview shows the post with the site's look and rules, as you type."
                    " Nothing is fetched from the internet unless you allow it."
                ),
            ),
            TourStep(
                dock("library_dock"),
                self.tr("My Posts"),
                self.tr(
                    "Your posts for each site. New Post (Ctrl+N) starts one in the right place."
                ),
                raise_dock("library_dock"),
            ),
            TourStep(
                dock("metadata_dock"),
                self.tr("The post's details"),
                self.tr(
                    "Title, date, tags and what else the site needs, with help under each field"
                    " and a fix for most problems."
                ),
                raise_dock("metadata_dock"),
            ),
            TourStep(
                dock("images_dock"),
                self.tr("Pictures"),
                self.tr("Every picture of the post: size, where it is used, its description."),
                raise_dock("images_dock"),
            ),
            TourStep(
                dock("problems_dock"),
                self.tr("Problems"),
                self.tr(
                    "What the site's checks would complain about, as you type. Choose one to go"
                    " to its line."
                ),
            ),
            TourStep(
                dock("account_widget"),
                self.tr("Publishing"),
                self.tr(
                    "Sign in to GitHub here when you are ready; File → Publish then sends the"
                    " post to the site as a pull request, without git."
                ),
            ),
        ]

    def _show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Postwright"),
            self.tr(
                "<h3>Postwright {version}</h3><p>Write community blog posts and docs articles "
                "in Markdown, see them as the site will publish them, and contribute them by "
                "pull request — without git.</p>"
            ).format(version=__version__),
        )

    # -- Qt overrides -----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.document.check_disk()
        elif event.type() == QEvent.Type.ThemeChange and self._theme == "system":
            self._set_theme("system")
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.document.maybe_discard():
            event.ignore()
            return
        self._save_window_state()
        self.images_controller.finish()
        event.accept()

    def _save_preferences(self) -> None:
        """Write the View choices now, so a crash or a kill does not forget them."""
        if self._restoring:
            return
        a = self.actions_by_id
        self._settings.update_preferences(
            show_editor=a["view.show_editor"].isChecked(),
            show_preview=a["view.show_preview"].isChecked(),
            show_metadata=a["view.show_metadata"].isChecked(),
            sync_scroll=a["view.sync_scroll"].isChecked(),
            word_wrap=a["view.word_wrap"].isChecked(),
            allow_remote_content=a["view.allow_remote"].isChecked(),
            theme=self._theme,
        )

    def _save_window_state(self) -> None:
        self._settings.update_state(
            geometry=bytes(self.saveGeometry().toBase64().data()).decode("ascii"),
            docks=bytes(self.saveState(DOCK_LAYOUT_VERSION).toBase64().data()).decode("ascii"),
            splitter_sizes=tuple(self.splitter.sizes()),
            last_directory=self.document.last_directory,
        )
        self._save_preferences()
