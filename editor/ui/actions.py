"""Every command of the window, declared once as data.

The same table feeds the menus, the toolbar and (later) the command palette and the shortcuts
list in the documentation. Texts are marked with ``QT_TRANSLATE_NOOP`` so they are extracted for
translation, and translated when the QAction is built.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QToolBar

Key = QKeySequence.StandardKey
_CTX = "actions"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate extracts
    """Mark ``text`` for translation in ``context``; it is translated when shown."""
    del context
    return text


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """One command: what it is called, where it appears, how it is reached."""

    id: str
    text: str
    menu: str
    shortcut: Key | str | None = None
    icon: str | None = None
    toolbar: bool = False
    checkable: bool = False
    #: Actions sharing a group are mutually exclusive (radio items).
    group: str | None = None
    tip: str = ""
    #: Draw a separator line above this action in its menu.
    separator_before: bool = False


MENUS: tuple[tuple[str, str], ...] = (
    ("file", QT_TRANSLATE_NOOP("actions", "&File")),
    ("edit", QT_TRANSLATE_NOOP("actions", "&Edit")),
    ("view", QT_TRANSLATE_NOOP("actions", "&View")),
    ("review", QT_TRANSLATE_NOOP("actions", "&Review")),
    ("help", QT_TRANSLATE_NOOP("actions", "&Help")),
)

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "file.new_post",
        QT_TRANSLATE_NOOP("actions", "&New Post…"),
        "file",
        Key.New,
        "document-new",
        toolbar=True,
        tip=QT_TRANSLATE_NOOP("actions", "Start a new post for one of your sites"),
    ),
    ActionSpec(
        "file.new",
        QT_TRANSLATE_NOOP("actions", "New &Blank File"),
        "file",
        "Ctrl+Shift+N",
        tip=QT_TRANSLATE_NOOP("actions", "Start an empty Markdown file"),
    ),
    ActionSpec(
        "file.open",
        QT_TRANSLATE_NOOP("actions", "&Open…"),
        "file",
        Key.Open,
        "document-open",
        toolbar=True,
        tip=QT_TRANSLATE_NOOP("actions", "Open a Markdown post"),
    ),
    ActionSpec(
        "file.save",
        QT_TRANSLATE_NOOP("actions", "&Save"),
        "file",
        Key.Save,
        "document-save",
        toolbar=True,
        tip=QT_TRANSLATE_NOOP("actions", "Save the post"),
        separator_before=True,
    ),
    ActionSpec(
        "file.save_as",
        QT_TRANSLATE_NOOP("actions", "Save &As…"),
        "file",
        Key.SaveAs,
        "document-save-as",
        tip=QT_TRANSLATE_NOOP("actions", "Save the post under a new name"),
    ),
    ActionSpec(
        "file.close",
        QT_TRANSLATE_NOOP("actions", "&Close"),
        "file",
        Key.Close,
        "document-close",
        tip=QT_TRANSLATE_NOOP("actions", "Close the post"),
        separator_before=True,
    ),
    ActionSpec(
        "file.publish",
        QT_TRANSLATE_NOOP("actions", "&Publish…"),
        "file",
        "Ctrl+Alt+P",
        "document-send",
        toolbar=True,
        tip=QT_TRANSLATE_NOOP("actions", "Propose the post to its site as a pull request"),
        separator_before=True,
    ),
    ActionSpec(
        "file.sign_in",
        QT_TRANSLATE_NOOP("actions", "Sign &In to GitHub…"),
        "file",
        tip=QT_TRANSLATE_NOOP("actions", "Let Postwright open pull requests for you on GitHub"),
        separator_before=True,
    ),
    ActionSpec(
        "file.sign_out",
        QT_TRANSLATE_NOOP("actions", "Sign Ou&t of GitHub"),
        "file",
        tip=QT_TRANSLATE_NOOP("actions", "Forget your GitHub sign-in on this computer"),
    ),
    ActionSpec(
        "file.quit",
        QT_TRANSLATE_NOOP("actions", "&Quit"),
        "file",
        Key.Quit,
        "application-exit",
        separator_before=True,
    ),
    ActionSpec("edit.undo", QT_TRANSLATE_NOOP("actions", "&Undo"), "edit", Key.Undo, "edit-undo"),
    ActionSpec("edit.redo", QT_TRANSLATE_NOOP("actions", "&Redo"), "edit", Key.Redo, "edit-redo"),
    ActionSpec(
        "edit.cut",
        QT_TRANSLATE_NOOP("actions", "Cu&t"),
        "edit",
        Key.Cut,
        "edit-cut",
        separator_before=True,
    ),
    ActionSpec("edit.copy", QT_TRANSLATE_NOOP("actions", "&Copy"), "edit", Key.Copy, "edit-copy"),
    ActionSpec(
        "edit.paste", QT_TRANSLATE_NOOP("actions", "&Paste"), "edit", Key.Paste, "edit-paste"
    ),
    ActionSpec(
        "edit.select_all",
        QT_TRANSLATE_NOOP("actions", "Select &All"),
        "edit",
        Key.SelectAll,
        "edit-select-all",
    ),
    ActionSpec(
        "edit.find",
        QT_TRANSLATE_NOOP("actions", "&Find…"),
        "edit",
        Key.Find,
        "edit-find",
        tip=QT_TRANSLATE_NOOP("actions", "Find text in the post"),
        separator_before=True,
    ),
    ActionSpec(
        "edit.replace",
        QT_TRANSLATE_NOOP("actions", "R&eplace…"),
        "edit",
        "Ctrl+H",
        "edit-find-replace",
        tip=QT_TRANSLATE_NOOP("actions", "Find and replace text"),
    ),
    ActionSpec("edit.find_next", QT_TRANSLATE_NOOP("actions", "Find &Next"), "edit", Key.FindNext),
    ActionSpec(
        "edit.find_previous",
        QT_TRANSLATE_NOOP("actions", "Find Pre&vious"),
        "edit",
        Key.FindPrevious,
    ),
    ActionSpec(
        "edit.insert_image",
        QT_TRANSLATE_NOOP("actions", "Insert &Image…"),
        "edit",
        "Ctrl+Shift+I",
        "insert-image",
        tip=QT_TRANSLATE_NOOP(
            "actions", "Add a picture: it is copied into the post's image folder and linked"
        ),
        separator_before=True,
    ),
    ActionSpec(
        "edit.preferences",
        QT_TRANSLATE_NOOP("actions", "Pre&ferences…"),
        "edit",
        "Ctrl+,",
        "preferences-system",
        tip=QT_TRANSLATE_NOOP("actions", "Fonts, colours, preview, pictures, spelling, GitHub"),
        separator_before=True,
    ),
    ActionSpec(
        "view.switch_pane",
        QT_TRANSLATE_NOOP("actions", "S&witch Between Editor and Preview"),
        "view",
        "F6",
        tip=QT_TRANSLATE_NOOP("actions", "Move the keyboard focus to the other pane"),
    ),
    ActionSpec(
        "view.show_editor",
        QT_TRANSLATE_NOOP("actions", "Show &Editor"),
        "view",
        "Ctrl+Shift+E",
        checkable=True,
        tip=QT_TRANSLATE_NOOP("actions", "Show or hide the Markdown editor"),
    ),
    ActionSpec(
        "view.show_preview",
        QT_TRANSLATE_NOOP("actions", "Show &Preview"),
        "view",
        "Ctrl+Shift+P",
        "view-preview",
        toolbar=True,
        checkable=True,
        tip=QT_TRANSLATE_NOOP("actions", "Show or hide the live preview"),
    ),
    ActionSpec(
        "view.show_library",
        QT_TRANSLATE_NOOP("actions", "Show My &Posts"),
        "view",
        "Ctrl+Shift+L",
        checkable=True,
        tip=QT_TRANSLATE_NOOP("actions", "Show or hide the list of your posts"),
    ),
    ActionSpec(
        "view.show_metadata",
        QT_TRANSLATE_NOOP("actions", "Show &Metadata"),
        "view",
        "Ctrl+Shift+M",
        checkable=True,
        tip=QT_TRANSLATE_NOOP("actions", "Show or hide the form for the post's front matter"),
    ),
    ActionSpec(
        "view.show_images",
        QT_TRANSLATE_NOOP("actions", "Show &Images"),
        "view",
        "Ctrl+Alt+I",
        tip=QT_TRANSLATE_NOOP("actions", "Show the post's pictures and move the focus there"),
    ),
    ActionSpec(
        "view.show_outline",
        QT_TRANSLATE_NOOP("actions", "Show &Outline"),
        "view",
        "Ctrl+Shift+O",
        checkable=True,
        tip=QT_TRANSLATE_NOOP("actions", "Show or hide the list of the post's headings"),
    ),
    ActionSpec(
        "view.show_problems",
        QT_TRANSLATE_NOOP("actions", "Show P&roblems"),
        "view",
        "Ctrl+Shift+J",
        checkable=True,
        tip=QT_TRANSLATE_NOOP(
            "actions", "Show or hide what the site's build, lint or reviewers would object to"
        ),
    ),
    ActionSpec(
        "view.next_problem",
        QT_TRANSLATE_NOOP("actions", "Ne&xt Problem"),
        "view",
        "F8",
        tip=QT_TRANSLATE_NOOP("actions", "Go to the next problem in the post"),
    ),
    ActionSpec(
        "view.previous_problem",
        QT_TRANSLATE_NOOP("actions", "Pre&vious Problem"),
        "view",
        "Shift+F8",
        tip=QT_TRANSLATE_NOOP("actions", "Go to the previous problem in the post"),
    ),
    ActionSpec(
        "view.check_links",
        QT_TRANSLATE_NOOP("actions", "Check &Links"),
        "view",
        tip=QT_TRANSLATE_NOOP("actions", "Check that the post's web links still work"),
    ),
    ActionSpec(
        "view.sync_scroll",
        QT_TRANSLATE_NOOP("actions", "&Synchronise Scrolling"),
        "view",
        checkable=True,
        tip=QT_TRANSLATE_NOOP("actions", "Keep the editor and the preview at the same place"),
        separator_before=True,
    ),
    ActionSpec(
        "view.word_wrap",
        QT_TRANSLATE_NOOP("actions", "&Wrap Long Lines"),
        "view",
        "Alt+Z",
        checkable=True,
    ),
    ActionSpec(
        "view.allow_remote",
        QT_TRANSLATE_NOOP("actions", "Allow &Remote Content"),
        "view",
        None,
        "network-wireless",
        toolbar=True,
        checkable=True,
        tip=QT_TRANSLATE_NOOP("actions", "Load images and videos from the internet in the preview"),
        separator_before=True,
    ),
    ActionSpec(
        "view.zoom_in",
        QT_TRANSLATE_NOOP("actions", "Zoom &In"),
        "view",
        Key.ZoomIn,
        "zoom-in",
        separator_before=True,
    ),
    ActionSpec(
        "view.zoom_out", QT_TRANSLATE_NOOP("actions", "Zoom &Out"), "view", Key.ZoomOut, "zoom-out"
    ),
    ActionSpec(
        "view.zoom_reset",
        QT_TRANSLATE_NOOP("actions", "&Reset Zoom"),
        "view",
        "Ctrl+0",
        "zoom-original",
    ),
    ActionSpec(
        "view.theme_system",
        QT_TRANSLATE_NOOP("actions", "Theme: Follow &System"),
        "view",
        checkable=True,
        group="theme",
        separator_before=True,
    ),
    ActionSpec(
        "view.theme_light",
        QT_TRANSLATE_NOOP("actions", "Theme: &Light"),
        "view",
        checkable=True,
        group="theme",
    ),
    ActionSpec(
        "view.theme_dark",
        QT_TRANSLATE_NOOP("actions", "Theme: &Dark"),
        "view",
        checkable=True,
        group="theme",
    ),
    ActionSpec(
        "help.user_guide",
        QT_TRANSLATE_NOOP("actions", "&User Guide"),
        "help",
        Key.HelpContents,
        "help-contents",
        tip=QT_TRANSLATE_NOOP("actions", "How to write, add pictures, publish and review"),
    ),
    ActionSpec(
        "help.shortcuts",
        QT_TRANSLATE_NOOP("actions", "&Keyboard Shortcuts"),
        "help",
        "Ctrl+F1",
        tip=QT_TRANSLATE_NOOP("actions", "Every command that has a key, and its key"),
    ),
    ActionSpec(
        "help.tour",
        QT_TRANSLATE_NOOP("actions", "&Tour of the Window"),
        "help",
        tip=QT_TRANSLATE_NOOP("actions", "Show again what each part of the window is for"),
    ),
    ActionSpec(
        "help.report_problem",
        QT_TRANSLATE_NOOP("actions", "&Report a Problem…"),
        "help",
        separator_before=True,
        tip=QT_TRANSLATE_NOOP("actions", "Prepare a problem report to send to Postwright"),
    ),
    ActionSpec(
        "help.about", QT_TRANSLATE_NOOP("actions", "&About Postwright"), "help", None, "help-about"
    ),
    # Review mode (ui/review_controller.py).
    ActionSpec(
        "review.open_pull",
        QT_TRANSLATE_NOOP("actions", "Open &Pull Request…"),
        "review",
        tip=QT_TRANSLATE_NOOP("actions", "Review someone's pull request and fix it in place"),
    ),
    ActionSpec(
        "review.send_changes",
        QT_TRANSLATE_NOOP("actions", "&Send Changes…"),
        "review",
        tip=QT_TRANSLATE_NOOP(
            "actions", "Push your fixes to the pull request, or send them as suggestions"
        ),
    ),
    ActionSpec(
        "review.open_article",
        QT_TRANSLATE_NOOP("actions", "Open Published &Article…"),
        "review",
        separator_before=True,
        tip=QT_TRANSLATE_NOOP("actions", "Edit an article that is already on the site"),
    ),
    ActionSpec(
        "review.propose_edit",
        QT_TRANSLATE_NOOP("actions", "Propose &Edit…"),
        "review",
        tip=QT_TRANSLATE_NOOP(
            "actions", "Propose your edit of the published article as a pull request"
        ),
    ),
    ActionSpec(
        "review.report_problem",
        QT_TRANSLATE_NOOP("actions", "Report a Problem with This Article…"),
        "review",
        tip=QT_TRANSLATE_NOOP("actions", "File an issue about the article on its site"),
    ),
)


def translate(text: str) -> str:
    """Translate an action or menu text declared in this module."""
    return QCoreApplication.translate(_CTX, text)


def _shortcut(spec: ActionSpec) -> list[QKeySequence]:
    if spec.shortcut is None:
        return []
    if isinstance(spec.shortcut, str):
        return [QKeySequence(spec.shortcut)]
    return QKeySequence.keyBindings(spec.shortcut)


def build_actions(parent: QObject, specs: Iterable[ActionSpec] = ACTIONS) -> dict[str, QAction]:
    """Create one QAction per spec, owned by ``parent``, keyed by the spec's id."""
    actions: dict[str, QAction] = {}
    groups: dict[str, QActionGroup] = {}
    for spec in specs:
        action = QAction(translate(spec.text), parent)
        action.setObjectName(spec.id)
        action.setShortcuts(_shortcut(spec))
        action.setCheckable(spec.checkable)
        if spec.icon:
            action.setIcon(QIcon.fromTheme(spec.icon))
        if spec.tip:
            action.setStatusTip(translate(spec.tip))
            action.setToolTip(translate(spec.tip))
        if spec.group:
            groups.setdefault(spec.group, QActionGroup(parent)).addAction(action)
        actions[spec.id] = action
    return actions


def populate_menus(
    menu_bar: QMenuBar, actions: Mapping[str, QAction], specs: Iterable[ActionSpec] = ACTIONS
) -> dict[str, QMenu]:
    """Add the menus in their fixed order, each with its actions in declaration order."""
    menus = {key: menu_bar.addMenu(translate(title)) for key, title in MENUS}
    for key, menu in menus.items():
        menu.setObjectName(f"menu.{key}")
    for spec in specs:
        menu = menus[spec.menu]
        if spec.separator_before:
            menu.addSeparator()
        menu.addAction(actions[spec.id])
    return menus


def populate_toolbar(
    toolbar: QToolBar, actions: Mapping[str, QAction], specs: Iterable[ActionSpec] = ACTIONS
) -> None:
    """Add the actions marked ``toolbar`` in declaration order."""
    for spec in specs:
        if spec.toolbar:
            toolbar.addAction(actions[spec.id])
