"""Adding pictures to a post: from a file dialog, by dropping files or browser images, and by
pasting a screenshot.

The user is asked for alt text with the site's rules in view; then, off the GUI thread, the
picture is optimised, saved in the post's image folder under a safe name, and a relative link
in the site's syntax is inserted where the cursor was. The original file is only read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMimeData,
    QObject,
    QStandardPaths,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QImage, QImageReader, QPixmap, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from editor.core.i18n import message
from editor.core.images import (
    alt_findings,
    alt_rules_summary,
    find_references,
    human_size,
    image_file_name,
    image_markup,
    relative_link,
)
from editor.core.images.alt_text import normalized_alt
from editor.core.profiles.model import ImageRules
from editor.services.images import (
    IMAGE_SUFFIXES,
    ImageError,
    ImageOptions,
    ProcessedImage,
    process_image,
    read_source,
    taken_names,
    write_new_image,
)
from editor.ui.document import editor_text
from editor.ui.messages import translated
from editor.ui.tasks import TaskRunner

PREVIEW_SIZE = 240
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class InsertTarget:
    """Where pictures of the post in the editor go."""

    post_dir: Path
    image_folder: str  # relative to post_dir, e.g. "images" or "media/my-article"
    rules: ImageRules


@dataclass(frozen=True, slots=True)
class AltRequest:
    """What the alt-text question shows."""

    source_name: str
    preview: QImage | None
    rules: ImageRules
    taken_alts: tuple[str, ...]
    optimise: bool


@dataclass(frozen=True, slots=True)
class AltAnswer:
    alt: str
    optimise: bool


@dataclass(frozen=True, slots=True)
class ImageSource:
    """A picture to add: a file the user chose, or bytes (pasted or dragged from a browser)."""

    name: str
    path: Path | None = None
    data: bytes | None = None


@dataclass(frozen=True, slots=True)
class AddedImage:
    """A picture now in the post's folder, and the markup that shows it."""

    path: Path
    relative: str
    markup: str
    processed: ProcessedImage


def add_image(source: ImageSource, target: InsertTarget, answer: AltAnswer) -> AddedImage:
    """Process and save ``source`` into the post (runs off the GUI thread; no Qt)."""
    data = source.data if source.data is not None else read_source(source.path or Path())
    rules = target.rules
    options = ImageOptions(answer.optimise, rules.max_width, rules.formats)
    processed = process_image(data, source.name, options)
    folder = target.post_dir / target.image_folder
    for _attempt in range(5):  # another insert may take the name between listing and writing
        name = image_file_name(
            answer.alt,
            source.name,
            processed.extension,
            taken_names(folder),
            rules.name_max_length,
        )
        try:
            path = write_new_image(folder, name, processed.data)
        except ImageError:
            if (folder / name).exists():
                continue
            raise
        link = relative_link(target.image_folder, name)
        markup = image_markup(rules.syntax, link, answer.alt)
        return AddedImage(path, f"{target.image_folder}/{name}", markup, processed)
    raise ImageError(message("Images", "No free file name could be found in the image folder."))


class AltTextDialog(QDialog):
    """Asks for a picture's alt text, with the site's rules and live advice."""

    def __init__(self, request: AltRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Describe the Picture"))
        self._request = request
        column = QVBoxLayout(self)
        if request.preview is not None and not request.preview.isNull():
            picture = QLabel(self)
            picture.setPixmap(
                QPixmap.fromImage(request.preview).scaled(
                    PREVIEW_SIZE,
                    PREVIEW_SIZE,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
            picture.setAccessibleName(self.tr("The picture being added"))
            column.addWidget(picture)
        source = QLabel(self.tr("Adding {name}").format(name=request.source_name), self)
        column.addWidget(source)
        rules = "\n".join(f"• {translated(line)}" for line in alt_rules_summary(request.rules))
        rules_label = QLabel(self.tr("Alt text for this site:\n{rules}").format(rules=rules), self)
        rules_label.setWordWrap(True)
        rules_label.setObjectName("alt_rules")
        column.addWidget(rules_label)
        label = QLabel(self.tr("&Alt text:"), self)
        self.alt_edit = QLineEdit(self)
        self.alt_edit.setObjectName("alt_edit")
        self.alt_edit.setAccessibleName(self.tr("Alt text"))
        self.alt_edit.setPlaceholderText(self.tr("What the picture shows, e.g. “Screenshot of …”"))
        label.setBuddy(self.alt_edit)
        column.addWidget(label)
        column.addWidget(self.alt_edit)
        self.advice = QLabel(self)
        self.advice.setObjectName("alt_advice")
        self.advice.setWordWrap(True)
        self.advice.setAccessibleName(self.tr("Advice on the alt text"))
        column.addWidget(self.advice)
        self.optimise_box = QCheckBox(
            self.tr("&Optimise: scale down, recompress, remove location and camera details"), self
        )
        self.optimise_box.setChecked(request.optimise)
        self.optimise_box.setAccessibleName(self.tr("Optimise the picture"))
        column.addWidget(self.optimise_box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add Picture"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)
        self.alt_edit.textChanged.connect(self._on_alt_edit_text_changed)
        self._on_alt_edit_text_changed("")

    @Slot(str)
    def _on_alt_edit_text_changed(self, text: str) -> None:
        taken = {normalized_alt(alt) for alt in self._request.taken_alts}
        duplicate = bool(text.strip()) and normalized_alt(text) in taken
        findings = alt_findings(
            text, self._request.source_name, self._request.rules, duplicate=duplicate
        )
        lines = [translated(finding.message) for finding in findings if text.strip()]
        lines.append(self.tr("{count} characters").format(count=len(text.strip())))
        self.advice.setText("\n".join(lines))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(text.strip()) or not self._request.rules.alt_required)

    def answer(self) -> AltAnswer:
        return AltAnswer(" ".join(self.alt_edit.text().split()), self.optimise_box.isChecked())


def ask_alt_text(request: AltRequest, parent: QWidget | None) -> AltAnswer | None:
    """Show the alt-text dialog; None when the user cancels."""
    dialog = AltTextDialog(request, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.answer()


def scaled_image(path: Path, size: int, *, cover: tuple[int, int] | None = None) -> QImage:
    """The picture at ``path`` decoded at about ``size`` pixels (large files decode faster
    that way), or at least ``cover`` (width, height) when given; a null image if unreadable."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    full = reader.size()
    if full.isValid() and full.width() > 0 and full.height() > 0:
        if cover is not None:
            factor = max(cover[0] / full.width(), cover[1] / full.height())
        else:
            factor = size / max(full.width(), full.height())
        if factor < 1:
            reader.setScaledSize(full * factor)
    return reader.read()


def image_bytes(image: QImage) -> bytes:
    """``image`` as PNG bytes (pasted screenshots and browser pictures)."""
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes; Qt wants str
    buffer.close()
    return bytes(array.data())


class ImageInserter(QObject):
    """Adds pasted, dropped and chosen pictures to the post in the editor.

    ``target`` says where the post's pictures go (None for an unsaved post). ``ask_alt`` is
    the alt-text question (replaceable, e.g. in tests). It is the editor's mime hook.
    """

    image_added = Signal(object)  # AddedImage: a picture was saved and its link inserted
    notice = Signal(str)  # something to tell the user in the status bar

    def __init__(
        self,
        editor: QPlainTextEdit,
        tasks: TaskRunner,
        target: Callable[[], InsertTarget | None],
        *,
        optimise: Callable[[], bool] = lambda: True,
        optimise_chosen: Callable[[bool], object] = lambda _on: None,
        picture_folder: Callable[[], str] = lambda: "",
        picture_folder_chosen: Callable[[str], object] = lambda _folder: None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._editor = editor
        self._tasks = tasks
        self._target = target
        self._optimise = optimise
        self._optimise_chosen = optimise_chosen
        self._picture_folder = picture_folder
        self._picture_folder_chosen = picture_folder_chosen
        self.ask_alt: Callable[[AltRequest, QWidget | None], AltAnswer | None] = ask_alt_text
        self._pending = 0

    @property
    def busy(self) -> bool:
        """Whether a picture is still being processed."""
        return self._pending > 0

    # -- the editor's mime hook ---------------------------------------------------------------

    def can_insert(self, source: QMimeData) -> bool:
        return source.hasImage() or bool(self._local_files(source)) or self._remote_only(source)

    def insert(self, source: QMimeData) -> bool:
        """Called from inside Qt's paste and drop: an exception must not escape (Qt would
        abort), so a failure is reported as a notice instead."""
        try:
            return self._insert_mime(source)
        except Exception as error:  # reported to the user, never raised into Qt
            log.exception("adding a pasted or dropped picture failed")
            self.notice.emit(self.tr("The picture could not be added: {error}").format(error=error))
            return True

    def _insert_mime(self, source: QMimeData) -> bool:
        files = self._local_files(source)
        if files:
            self.insert_files(files)
            return True
        if source.hasImage():
            image = QImage(source.imageData())
            name = self._remote_name(source) or "pasted-image.png"
            self._insert(ImageSource(name, data=image_bytes(image)), image)
            return True
        if self._remote_only(source):
            self.notice.emit(
                self.tr(
                    "Pictures from the web are not downloaded. Save the picture on your computer, "
                    "then drag the file here."
                )
            )
            return True
        return False

    # -- commands -----------------------------------------------------------------------------

    def choose_files(self) -> None:
        """Insert → Image…: pick pictures in a file dialog."""
        if self._target_or_notice() is None:
            return
        names, _filter = QFileDialog.getOpenFileNames(
            self._editor,
            self.tr("Insert Pictures"),
            self._start_folder(),
            self.tr("Pictures (*.png *.jpg *.jpeg *.gif *.webp *.svg *.bmp);;All files (*)"),
        )
        if names:
            self._picture_folder_chosen(str(Path(names[0]).parent))
        self.insert_files([Path(name) for name in names])

    def _start_folder(self) -> str:
        """The folder pictures were last taken from, else the user's Pictures folder (never
        the app's working folder)."""
        last = self._picture_folder()
        if last and Path(last).is_dir():
            return last
        for location in (
            QStandardPaths.StandardLocation.PicturesLocation,
            QStandardPaths.StandardLocation.HomeLocation,
        ):
            folder = QStandardPaths.writableLocation(location)
            if folder and Path(folder).is_dir():
                return folder
        return str(Path.home())

    def insert_files(self, paths: Sequence[Path]) -> None:
        for path in paths:
            preview = scaled_image(path, PREVIEW_SIZE)
            self._insert(ImageSource(path.name, path=path), None if preview.isNull() else preview)

    # -- inside ---------------------------------------------------------------------------------

    def _target_or_notice(self) -> InsertTarget | None:
        target = self._target()
        if target is None:
            self.notice.emit(
                self.tr("Save the post first: its pictures are kept in a folder beside it.")
            )
        return target

    def _insert(self, source: ImageSource, preview: QImage | None) -> None:
        target = self._target_or_notice()
        if target is None:
            return
        text = editor_text(self._editor)
        alts = tuple(
            ref.alt for ref in find_references(text, target.rules.thumbnail_field) if ref.alt
        )
        request = AltRequest(source.name, preview, target.rules, alts, self._optimise())
        answer = self.ask_alt(request, self._editor)
        if answer is None:
            return
        self._optimise_chosen(answer.optimise)
        cursor = QTextCursor(self._editor.textCursor())
        self._pending += 1
        self._tasks.submit(
            lambda: add_image(source, target, answer),
            lambda added: self._on_added(added, cursor),
            self._on_failed,
            owner=self,
        )

    def _on_added(self, added: AddedImage, cursor: QTextCursor) -> None:
        self._pending -= 1
        markup = added.markup
        if added.markup.startswith(":::"):  # a Learn image is a block of its own
            if cursor.positionInBlock() > 0:
                markup = "\n" + markup
            if not cursor.atBlockEnd():
                markup += "\n"
        cursor.insertText(markup)
        self._editor.setTextCursor(cursor)
        processed = added.processed
        self.notice.emit(
            self.tr("Added {path} ({before} → {after})").format(
                path=added.relative,
                before=human_size(processed.original_size),
                after=human_size(processed.size),
            )
        )
        self.image_added.emit(added)

    def _on_failed(self, error: BaseException) -> None:
        self._pending -= 1
        if isinstance(error, ImageError):
            self.notice.emit(translated(error.message))
        else:
            self.notice.emit(self.tr("The picture could not be added: {error}").format(error=error))

    @staticmethod
    def _local_files(source: QMimeData) -> list[Path]:
        if not source.hasUrls():
            return []
        return [
            Path(url.toLocalFile())
            for url in source.urls()
            if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in IMAGE_SUFFIXES
        ]

    @staticmethod
    def _remote_name(source: QMimeData) -> str | None:
        for url in source.urls() if source.hasUrls() else ():
            name = url.fileName()
            if name and Path(name).suffix.lower() in IMAGE_SUFFIXES:
                return name
        return None

    def _remote_only(self, source: QMimeData) -> bool:
        return (
            not source.hasImage()
            and self._remote_name(source) is not None
            and not any(url.isLocalFile() for url in source.urls())
        )
