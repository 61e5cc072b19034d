"""Spell checking as you type: underlines, suggestions in the context menu, a personal dictionary.

The word list for the post's language loads off the GUI thread (it takes a moment); until it
is ready nothing is underlined. Words the site's profile lists and words the user added are
always accepted. Each post remembers its language; new posts use the last one chosen.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QTextCursor
from PySide6.QtWidgets import QMenu, QWidget

from editor.core.profiles import Profile
from editor.core.text.utf16 import Utf16Map
from editor.services.spelling import LANGUAGES, PersonalDictionary, Speller
from editor.ui.editor import MarkdownEditor
from editor.ui.editor.highlighter import misspelled_words
from editor.ui.tasks import TaskRunner

#: Words every post may use: the app's name and the keys posts tell readers to press.
_ALWAYS_RIGHT = ("Postwright", "Ctrl", "Alt", "Cmd", "Esc", "PgUp", "PgDn", "Del", "Enter")


class SpellingController(QObject):
    """Keeps the editor's spell checking in step with the settings, the post and its site."""

    notice = Signal(str)  # a short message for the status bar
    language_chosen = Signal(str)  # the language the user chose for the post (a code)

    def __init__(
        self,
        editor: MarkdownEditor,
        tasks: TaskRunner,
        dictionary: PersonalDictionary,
        *,
        enabled: bool = True,
        language: str = "en",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._editor = editor
        self._tasks = tasks
        self._dictionary = dictionary
        self._enabled = enabled
        self._language = language if language in LANGUAGES else "en"
        self._spellers: dict[str, Speller] = {}
        self._site_words: tuple[str, ...] = ()
        self._active: Speller | None = None
        self.toggle_action = QAction(self.tr("Check &Spelling as You Type"), self)
        self.toggle_action.setObjectName("edit.spell_check")
        self.toggle_action.setCheckable(True)
        self.toggle_action.setChecked(enabled)
        self.toggle_action.setShortcut("F7")
        self.toggle_action.toggled.connect(self.set_enabled)
        self.language_menu = self._make_language_menu(editor)
        editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        editor.customContextMenuRequested.connect(self._on_context_menu_requested)
        self._load()

    def _make_language_menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(self.tr("Spelling &Language"), parent)
        menu.setObjectName("menu.spelling_language")
        group = QActionGroup(menu)
        self._language_actions: dict[str, QAction] = {}
        for code, name in sorted(LANGUAGES.items(), key=lambda item: item[1]):
            action = QAction(self.tr(name), menu)
            action.setCheckable(True)
            action.setData(code)
            action.setChecked(code == self._language)
            action.triggered.connect(partial(self._on_language_chosen, code))
            group.addAction(action)
            menu.addAction(action)
            self._language_actions[code] = action
        return menu

    # --- public API -------------------------------------------------------------------------

    @property
    def language(self) -> str:
        """The language the post is checked in."""
        return self._language

    @property
    def speller(self) -> Speller | None:
        """The speller in use once its word list has loaded, else None."""
        return self._active

    @Slot(bool)
    def set_enabled(self, enabled: bool) -> None:
        """Turn checking as you type on or off."""
        self._enabled = enabled
        self.toggle_action.setChecked(enabled)
        self._apply()

    def set_language(self, code: str) -> None:
        """Check the post in ``code`` (loading that word list if needed)."""
        if code not in LANGUAGES:
            return
        self._language = code
        self._language_actions[code].setChecked(True)
        self._load()

    def set_profile(self, profile: Profile | None) -> None:
        """Accept the words the post's site uses (product names)."""
        self._site_words = profile.words if profile is not None else ()
        for speller in self._spellers.values():
            speller.add_words(self._site_words)
        if self._active is not None:  # nothing is underlined before a word list has loaded
            self._editor.highlighter().recheck_words()

    def _on_language_chosen(self, code: str, _checked: bool = False) -> None:
        self.set_language(code)
        self.language_chosen.emit(code)

    # --- loading ------------------------------------------------------------------------------

    def _load(self) -> None:
        if self._language in self._spellers:
            self._apply()
            return
        code = self._language
        words = (*_ALWAYS_RIGHT, *self._site_words, *self._dictionary.words())
        self._tasks.submit(
            lambda: Speller(code, words),
            self._on_speller_loaded,
            self._on_speller_failed,
            group="speller",
            owner=self,
        )

    def _on_speller_loaded(self, speller: Speller) -> None:
        self._spellers[speller.language] = speller
        self._apply()

    def _on_speller_failed(self, error: BaseException) -> None:
        self.notice.emit(
            self.tr("Spell checking is not available: {reason}").format(reason=str(error))
        )

    def _apply(self) -> None:
        self._active = self._spellers.get(self._language) if self._enabled else None
        self._editor.highlighter().set_spell_check(self._active)

    # --- the context menu ---------------------------------------------------------------------

    def misspelled_at(self, position: int) -> tuple[int, int, str] | None:
        """The misspelt word at document ``position`` (UTF-16) as ``(start, end, word)``."""
        block = self._editor.document().findBlock(position)
        offsets = Utf16Map(block.text())
        column = offsets.to_index(position - block.position())
        for start, end, word in misspelled_words(block):
            if start <= column <= end:
                first = block.position() + offsets.to_utf16(start)
                return first, block.position() + offsets.to_utf16(end), word
        return None

    @Slot(QPoint)
    def _on_context_menu_requested(self, point: QPoint) -> None:
        menu = self.build_context_menu(point)
        menu.exec(self._editor.viewport().mapToGlobal(point))
        menu.deleteLater()

    def build_context_menu(self, point: QPoint) -> QMenu:
        """The editor's menu with suggestions first when ``point`` is on a misspelt word."""
        menu = self._editor.createStandardContextMenu(self._editor.viewport().mapToGlobal(point))
        position = self._editor.cursorForPosition(point).position()
        found = self.misspelled_at(position)
        speller = self.speller
        if found is None or speller is None:
            return menu
        start, end, word = found
        first = menu.actions()[0] if menu.actions() else None
        suggestions = speller.suggestions(word)
        for suggestion in suggestions:
            action = QAction(suggestion, menu)
            action.triggered.connect(partial(self._replace, start, end, suggestion))
            _insert(menu, first, action)
        if not suggestions:
            none = QAction(self.tr("(No suggestions)"), menu)
            none.setEnabled(False)
            _insert(menu, first, none)
        add = QAction(self.tr("Add “{word}” to Dictionary").format(word=word), menu)
        add.setObjectName("spelling_add")
        add.triggered.connect(partial(self.add_to_dictionary, word))
        _insert(menu, first, add)
        if first is not None:
            menu.insertSeparator(first)
        return menu

    def _replace(self, start: int, end: int, replacement: str, _checked: bool = False) -> None:
        cursor = QTextCursor(self._editor.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(replacement)  # one undoable step

    def add_to_dictionary(self, word: str, _checked: bool = False) -> None:
        """Accept ``word`` from now on, in every language, and keep it for next time."""
        try:
            self._dictionary.add(word)
        except OSError as error:
            self.notice.emit(
                self.tr("“{word}” could not be added to your dictionary: {reason}").format(
                    word=word, reason=error.strerror or str(error)
                )
            )
        for speller in self._spellers.values():
            speller.add_words([word])
        self._editor.highlighter().recheck_words()


def _insert(menu: QMenu, before: QAction | None, action: QAction) -> None:
    """Put ``action`` before ``before`` (at the end when there is nothing to go before)."""
    if before is None:
        menu.addAction(action)
    else:
        menu.insertAction(before, action)
