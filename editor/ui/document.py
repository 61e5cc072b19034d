"""The post being edited: its file, its saved state, and what happens to it on disk.

The editor widget holds the text; this controller knows where it came from and how to put it
back byte for byte. It opens and saves through :mod:`editor.services.storage`, asks before
anything would be lost, and watches the file so a change made by another program is noticed
(by content hash) and never silently overwritten.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QFileSystemWatcher,
    QObject,
    QStandardPaths,
    Signal,
    Slot,
)
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QFileDialog, QPlainTextEdit, QWidget

from editor.core.front_matter import read_front_matter
from editor.core.i18n import Message
from editor.core.post import Post
from editor.core.profiles.model import NamingRules
from editor.core.profiles.new_post import name_from_title
from editor.core.text.changes import changed_span
from editor.core.text.outline import outline
from editor.core.text.utf16 import Utf16Map
from editor.core.text_format import TextFormat
from editor.services.paths import app_paths
from editor.services.storage import (
    LoadedPost,
    StorageError,
    content_digest,
    has_changed_on_disk,
    load_post,
    load_post_converted,
    save_post,
)
from editor.ui.dialogs import (
    ExternalChangeDialog,
    ExternalChoice,
    SaveChoice,
    ask_convert_encoding,
    ask_overwrite_unreadable,
    ask_save_changes,
    show_problem,
)
from editor.ui.merge_dialog import MergeDialog


def markdown_filter() -> str:
    """The file-type filter of the Open and Save dialogs, translated."""
    return QCoreApplication.translate(
        "document", "Markdown (*.md *.markdown *.mdown *.mkd);;All files (*)"
    )


def editor_text(editor: QPlainTextEdit) -> str:
    """The editor's text exactly as typed.

    ``toPlainText()`` turns no-break spaces into spaces (and would change a file on an untouched
    save); the raw text keeps them, with Qt's paragraph separators as the newlines they were.
    """
    return editor.document().toRawText().replace("\u2029", "\n")


def replace_text_minimally(editor: QPlainTextEdit, new_text: str) -> None:
    """Make the editor hold ``new_text`` by replacing only the part that differs.

    One undoable edit; the rest of the document (and so its undo history, highlighting and
    the cursor's place when it is outside the change) is left alone. Used when a form edits
    one front-matter field.
    """
    old_text = editor_text(editor)
    if old_text == new_text:
        return
    start, old_end, new_end = changed_span(old_text, new_text)
    positions = Utf16Map(old_text)
    cursor = editor.textCursor()
    cursor.beginEditBlock()
    cursor.setPosition(positions.to_utf16(start))
    cursor.setPosition(positions.to_utf16(old_end), QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(new_text[start:new_end])
    cursor.endEditBlock()


#: Characters Qt's text document uses for its own structure: a file containing them would not
#: come back byte for byte (U+2029 is how the document separates lines; U+FDD0/U+FDD1 mark frames).
_UNKEEPABLE = ("\u2029", "\ufdd0", "\ufdd1")


def _unkeepable_character(text: str) -> str | None:
    return next((char for char in _UNKEEPABLE if char in text), None)


def _other_front_matter(text: str) -> str | None:
    """The format's name when the post's front matter is TOML (``+++``) or JSON, as Hugo reads."""
    first = text.split("\n", 1)[0].rstrip()
    if first == "+++":
        return "TOML"
    if first.startswith("{"):
        return "JSON"
    return None


def suggested_file_name(text: str, folder: Path) -> str:
    """A safe file name for an untitled post: from its ``title`` field, else its first
    heading, else "post"; numbered when ``folder`` already has one by that name."""
    title = ""
    data = read_front_matter(text).data
    if data is not None and isinstance(data.get("title"), str):
        title = str(data.get("title")).strip()
    if not title:
        headings = outline(text)
        title = headings[0].title if headings else ""
    try:
        taken = [entry.stem for entry in folder.iterdir() if entry.suffix.lower() == ".md"]
    except OSError:
        taken = []
    return name_from_title(title, NamingRules(), taken) + ".md"


def _internal(folder: Path) -> bool:
    """Whether ``folder`` is the app's own (its data folder, where the sample post lives) or
    hidden: not where a user's post belongs."""
    if any(part.startswith(".") for part in folder.parts):
        return True
    data = app_paths(os.environ).data_dir
    try:
        return folder.resolve().is_relative_to(data.resolve())
    except OSError:
        return False


def current_digest(path: Path) -> str | None:
    """The digest of the file's bytes now, or None when it cannot be read at all."""
    try:
        return content_digest(path.read_bytes())
    except OSError:
        return None


class DocumentController(QObject):
    """Open, save and guard one post shown in one editor."""

    document_opened = Signal(object)  # Path | None: the post now in the editor (None: untitled)
    document_saved = Signal(Path)  # the file just written
    reloaded = Signal(
        Path
    )  # another program changed the file and, with no edits here, it was reloaded
    file_missing = Signal(Path)  # the open file was deleted or moved by another program
    discarded = Signal()  # the user chose not to save the edits in the editor
    notice = Signal(str)  # something to know about the post just opened (translated text)

    def __init__(
        self,
        editor: QPlainTextEdit,
        window: QWidget,
        last_directory: str = "",
        *,
        library_folder: Path | None = None,
    ) -> None:
        super().__init__(window)
        self._editor = editor
        self._window = window
        #: The folder of the user's posts (Documents/Postwright): where new posts are saved.
        self.library_folder = library_folder
        self._path: Path | None = None
        self._post = Post.from_bytes(b"")
        self._digest: str | None = None
        self._last_directory = last_directory
        self._checking = False
        self._missing = False
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_watcher_file_changed)

    # -- state ------------------------------------------------------------------------------

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def last_directory(self) -> str:
        return self._last_directory

    def is_modified(self) -> bool:
        return self._editor.document().isModified()

    def display_name(self) -> str:
        return self._path.name if self._path else QCoreApplication.translate("document", "Untitled")

    @property
    def disk_digest(self) -> str | None:
        """The digest of the file as it was loaded or last saved (None: never on disk)."""
        return self._digest

    @property
    def text_format(self) -> TextFormat:
        """How the post's file stores its text (BOM, line endings)."""
        return self._post.format

    def current_post(self) -> Post:
        """The post as it would be saved now (editor text, original file format)."""
        return self._post.with_text(editor_text(self._editor))

    # -- commands ---------------------------------------------------------------------------

    def new(self) -> bool:
        """Start an untitled post, after asking about unsaved changes."""
        if not self.maybe_discard():
            return False
        self._set_document(None, Post.from_bytes(b""), None)
        return True

    def open_dialog(self) -> bool:
        """File ▸ Open: choose a file first; only then ask about unsaved changes (cancelling
        the file dialog changes nothing)."""
        name, _ = QFileDialog.getOpenFileName(
            self._window,
            QCoreApplication.translate("document", "Open Post"),
            self._open_start(),
            markdown_filter(),
        )
        if not name:
            return False
        return self.open_path(Path(name), ask=True)

    def _open_start(self) -> str:
        """Where Open starts: the folder last used, unless that is the app's own data (the
        sample post), then the user's posts."""
        if self._last_directory and not _internal(Path(self._last_directory)):
            return self._last_directory
        return str(self._posts_folder())

    def open_path(self, path: Path, *, ask: bool = True) -> bool:
        """Load ``path`` into the editor; on failure say why and change nothing."""
        if ask and not self.maybe_discard():
            return False
        converted_from = None
        try:
            loaded = load_post(path)
        except StorageError as error:
            converted = self._converted_if_agreed(path, error)
            if converted is None:
                return False
            loaded, converted_from = converted, error.encoding
        unkeepable = _unkeepable_character(loaded.post.text)
        if unkeepable is not None:
            show_problem(
                self._window,
                QCoreApplication.translate("document", "Could not open the post"),
                QCoreApplication.translate(
                    "document",
                    "This file contains the invisible character {code}, which the editor "
                    "cannot keep exactly, so it was not opened and nothing was changed. "
                    "Remove that character with another program, then open the file again.",
                ).format(code=f"U+{ord(unkeepable):04X}"),
            )
            return False
        self._last_directory = str(loaded.path.parent)
        self._set_document(loaded.path, loaded.post, loaded.digest)
        if converted_from is not None:
            self._editor.document().setModified(True)  # saving will change the file's bytes
            self.notice.emit(
                QCoreApplication.translate(
                    "document",
                    "Converted from {encoding} to UTF-8. The file is unchanged until you save; "
                    "saving writes it as UTF-8.",
                ).format(encoding=converted_from)
            )
        kind = _other_front_matter(loaded.post.text)
        if kind is not None:
            self.notice.emit(
                QCoreApplication.translate(
                    "document",
                    "This post's front matter is {kind}. Postwright keeps it exactly as it is "
                    "and saves it unchanged, but shows it as text: the metadata form edits "
                    "YAML front matter (between --- lines) only.",
                ).format(kind=kind)
            )
        return True

    def _converted_if_agreed(self, path: Path, error: StorageError) -> LoadedPost | None:
        """The file could not be opened: say why, and offer a UTF-8 copy when that can work."""
        title = QCoreApplication.translate("document", "Could not open the post")
        if error.encoding is None or not ask_convert_encoding(
            self._window, error.message, error.encoding
        ):
            if error.encoding is None:
                show_problem(self._window, title, error.message)
            return None
        try:
            return load_post_converted(path, error.encoding)
        except StorageError as second:
            show_problem(self._window, title, second.message)
            return None

    def save(self) -> bool:
        if self._path is None:
            return self.save_as()
        changed = (
            self._digest is not None
            and self._path.is_file()
            and has_changed_on_disk(self._path, self._digest)
        )
        if changed and not self._resolve_external_change(saving=True):
            return False
        return self._write(self._path)

    def save_as(self) -> bool:
        start = self._save_as_start()
        name, _ = QFileDialog.getSaveFileName(
            self._window,
            QCoreApplication.translate("document", "Save Post As"),
            start,
            markdown_filter(),
        )
        if not name:
            return False
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(".md")
        return self._write(path)

    def _save_as_start(self) -> str:
        """Where Save As opens, with the name it suggests: beside the post, unless that is
        the app's own data (the sample post) or a hidden folder, then in the user's posts;
        an untitled post is named after its title or first heading."""
        if self._path is None:
            return self.new_post_location(editor_text(self._editor))
        if _internal(self._path.parent):
            return str(self._posts_folder() / self._path.name)
        return str(self._path)

    def new_post_location(self, text: str) -> str:
        """Where a post never saved is offered to be saved: the user's posts, under a name
        made from ``text``'s title or first heading."""
        folder = self._posts_folder()
        return str(folder / suggested_file_name(text, folder))

    def _posts_folder(self) -> Path:
        """The library's folder when it exists, else the user's documents (else home)."""
        if self.library_folder is not None:
            try:
                self.library_folder.mkdir(parents=True, exist_ok=True)
            except OSError:
                pass  # the documents folder instead
            else:
                return self.library_folder
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        if documents and Path(documents).is_dir():
            return Path(documents)
        return Path.home()

    def relocate(self, path: Path) -> None:
        """The open post was moved (renamed in the library): follow it to ``path``.

        The editor keeps its text; a change the move made to the file (a new title) is then
        found like any other change on disk.
        """
        self._path = path
        self._last_directory = str(path.parent)
        self._watch(path)
        self.document_opened.emit(path)
        self.check_disk()

    def maybe_discard(self) -> bool:
        """True when it is fine to replace the editor's text (saved, discarded, or unchanged)."""
        if not self.is_modified():
            return True
        choice = ask_save_changes(self._window, self.display_name())
        if choice is SaveChoice.SAVE:
            return self.save()
        if choice is SaveChoice.DISCARD:
            self.discarded.emit()
            return True
        return False

    def restore(
        self, path: Path | None, text: str, text_format: TextFormat, digest: str | None
    ) -> None:
        """Put recovered ``text`` in the editor as unsaved edits to ``path`` (None: untitled).

        When the file can be loaded, its own format is kept and the recovered text is one
        undoable edit over the file's text, so Undo shows what is on disk. Otherwise ``digest``
        (the file as it was when the text was journaled) guards the next save: a file that
        changed since is not overwritten without asking.
        """
        loaded = None
        if path is not None:
            try:
                loaded = load_post(path)
            except StorageError:
                loaded = None
        if loaded is not None:
            self._set_document(loaded.path, loaded.post, loaded.digest)
            replace_text_minimally(self._editor, text)
        else:
            self._set_document(path, Post(text="", format=text_format), digest)
            self._editor.setPlainText(text)
        self._editor.document().setModified(True)
        if path is not None:
            self._last_directory = str(path.parent)

    def save_quietly(self) -> Message | None:
        """Autosave to the file: write it only when that is certainly safe, never asking.

        Nothing is written (and None returned) for an untitled post, a file that is missing
        or was changed by another program (the usual questions come at focus and on Save),
        or a post with no unsaved edits. A failed write returns its reason.
        """
        if (
            self._path is None
            or self._digest is None
            or self._missing
            or self._checking
            or not self.is_modified()
            or has_changed_on_disk(self._path, self._digest)
        ):
            return None
        post = self.current_post()
        try:
            digest = save_post(self._path, post)
        except StorageError as error:
            return error.message
        self._post, self._digest = post, digest
        self._watch(self._path)
        self._editor.document().setModified(False)
        self.document_saved.emit(self._path)
        return None

    def check_disk(self) -> None:
        """Look for a change made by another program (on focus, and when the watcher fires)."""
        if self._path is None or self._digest is None or self._checking:
            return
        if not self._path.is_file():  # deleted, moved, or a folder now in its place
            if not self._missing:
                self._on_file_missing()
            return
        self._missing = False
        if has_changed_on_disk(self._path, self._digest):
            self._resolve_external_change(saving=False)

    # -- internals --------------------------------------------------------------------------

    def _set_document(self, path: Path | None, post: Post, digest: str | None) -> None:
        self._missing = False
        self._watch(path)
        self._path, self._post, self._digest = path, post, digest
        self._editor.setPlainText(post.text)
        self._editor.document().setModified(False)
        self.document_opened.emit(path)

    def _write(self, path: Path) -> bool:
        post = self.current_post()
        try:
            digest = save_post(path, post)
        except StorageError as error:
            show_problem(
                self._window,
                QCoreApplication.translate("document", "Could not save the post"),
                error.message,
            )
            return False
        self._watch(path)
        self._path, self._post, self._digest = path, post, digest
        self._last_directory = str(path.parent)
        self._editor.document().setModified(False)
        self.document_saved.emit(path)
        return True

    def _watch(self, path: Path | None) -> None:
        if self._watcher.files():
            self._watcher.removePaths(self._watcher.files())
        if path is not None and path.exists():
            self._watcher.addPath(str(path))

    def _resolve_external_change(self, *, saving: bool) -> bool:
        """Another program changed the file: True when the caller may go on writing.

        With no unsaved edits the new version is simply loaded (nothing to lose). Otherwise
        the user chooses; reloading is one undoable edit, so even that choice loses nothing.
        """
        assert self._path is not None
        self._checking = True
        try:
            try:
                disk = load_post(self._path)
            except StorageError as error:
                return self._on_changed_file_unreadable(error, saving=saving)
            if not self.is_modified():
                self._replace_text_undoably(disk.path, disk.post, disk.digest)
                self.reloaded.emit(disk.path)
                return False
            dialog = ExternalChangeDialog(
                self._window, self.display_name(), disk.post.text, editor_text(self._editor)
            )
            dialog.exec()
            if dialog.choice is ExternalChoice.RELOAD:
                self._replace_text_undoably(disk.path, disk.post, disk.digest)
                return False
            if dialog.choice is ExternalChoice.MERGE:
                self._merge(disk.post, disk.digest)
                return False  # the merged text is in the editor, unsaved: the user saves it
            self._digest = disk.digest  # the user has seen this version and keeps theirs
            self._editor.document().setModified(True)
            return True
        finally:
            self._checking = False
            self._watch(self._path)

    def _merge(self, disk_post: Post, disk_digest: str) -> None:
        """Let the user take parts of each version; the result is one undoable edit."""
        dialog = MergeDialog(
            self._window, self.display_name(), editor_text(self._editor), disk_post.text
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return  # nothing chosen: asked again at the next check
        replace_text_minimally(self._editor, dialog.merged_text())
        self._post, self._digest = disk_post, disk_digest  # the user has seen this version
        self._editor.document().setModified(True)

    def _on_changed_file_unreadable(self, error: StorageError, *, saving: bool) -> bool:
        """The changed file cannot be read faithfully: keep the text; overwrite only if asked."""
        assert self._path is not None
        # do not ask again for this same version (a file that cannot be read at all, such as
        # a folder in its place, keeps the old digest: it is never equal to what comes next)
        self._digest = current_digest(self._path) or self._digest
        self._editor.document().setModified(True)
        if not saving:
            show_problem(
                self._window,
                QCoreApplication.translate("document", "The file was changed and cannot be read"),
                error.message,
            )
            return False
        return ask_overwrite_unreadable(self._window, self.display_name(), error.message)

    def _replace_text_undoably(self, path: Path, post: Post, digest: str) -> None:
        """Put ``post`` in the editor as one edit the user can undo (Ctrl+Z brings theirs back)."""
        cursor = self._editor.textCursor()
        cursor.beginEditBlock()
        cursor.select(cursor.SelectionType.Document)
        cursor.insertText(post.text)
        cursor.endEditBlock()
        self._path, self._post, self._digest = path, post, digest
        self._editor.document().setModified(False)

    def _on_file_missing(self) -> None:
        assert self._path is not None
        self._missing = True
        self._editor.document().setModified(True)
        self.file_missing.emit(self._path)

    @Slot(str)
    def _on_watcher_file_changed(self, _name: str) -> None:
        self.check_disk()
        self._watch(self._path)  # a file replaced by rename drops out of the watcher
