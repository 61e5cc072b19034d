"""The Images panel: the post's pictures with their size, uses, alt text and problems, and the
commands to add, rename, replace, optimise, delete them and choose the card picture.

:class:`ImagesPanel` is the widget: it shows :class:`ImageEntry` rows and reports what the
user asked for by signals. :class:`ImagesController` keeps it in step with the editor's text
and the files on disk, and carries out the commands (files through
:mod:`editor.services.images`, text through minimal undoable edits).
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from PySide6.QtCore import QFile, QObject, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.front_matter import FrontMatterEditError, set_field
from editor.core.i18n import Message, message
from editor.core.images import (
    ImageFile,
    ImageProblem,
    ImageReference,
    ImageSituation,
    apply_fix,
    find_references,
    human_size,
    image_folder_for,
    image_problems,
    renamed,
    slug,
    unique_name,
    with_alt_text,
)
from editor.core.images.references import front_matter_images, link_for
from editor.core.profiles.model import ImageRules, Profile
from editor.services.images import (
    HeldImage,
    ImageError,
    ImageHolding,
    ImageOptions,
    process_image,
    read_source,
    rename_image,
    replace_image,
    scan_images,
    taken_names,
    thumbnail_png,
)
from editor.ui.document import editor_text, replace_text_minimally
from editor.ui.image_insert import ImageInserter, InsertTarget, scaled_image
from editor.ui.messages import translated
from editor.ui.tasks import TaskRunner

THUMBNAIL = 64
_PATH_ROLE = Qt.ItemDataRole.UserRole
_SEVERITY_MARK = {"error": "⛔", "warning": "⚠", "hint": "ℹ"}  # noqa: RUF001


@dataclass(frozen=True, slots=True)
class ImageEntry:
    """One picture as the panel lists it. ``file`` is None when it is referenced but missing."""

    path: str
    file: ImageFile | None
    references: tuple[tuple[int, ImageReference], ...]  # (index among all references, ref)
    problems: tuple[ImageProblem, ...]
    thumbnail: bytes | None = None
    is_card: bool = False


@dataclass(frozen=True, slots=True)
class _Scan:
    """What the post's folders held when last looked at."""

    files: tuple[ImageFile, ...]
    folders: frozenset[str] = frozenset()  # the post-relative folders that were listed
    #: Thumbnail PNGs by path, with the (mtime, size) of the file they were made from.
    thumbnails: dict[str, tuple[tuple[int, int], bytes | None]] = field(default_factory=dict)


class ImagesPanel(QWidget):
    """Lists the post's pictures; every command is reported by a signal."""

    line_activated = Signal(int)  # 0-based line to show in the editor
    alt_edited = Signal(int, str)  # index of the reference among the post's references, alt
    insert_requested = Signal()
    rename_requested = Signal(str)  # post-relative path of the picture
    replace_requested = Signal(str)
    optimise_requested = Signal(str)
    delete_requested = Signal(str)
    restore_requested = Signal()
    card_requested = Signal(str)
    fix_requested = Signal(object)  # the ImageProblem whose fix the user chose

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("images_panel")
        self.setAccessibleName(self.tr("Images of the post"))
        self._entries: dict[str, ImageEntry] = {}
        self._card_size: tuple[int, int] | None = None
        self._post_dir: Path | None = None
        self._filling = False
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Images summary"))
        self.image_list = QListWidget(self)
        self.image_list.setObjectName("image_list")
        self.image_list.setAccessibleName(self.tr("Pictures of the post"))
        self.image_list.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.image_list.setWordWrap(True)
        self.card_label = QLabel(self)
        self.card_label.setObjectName("card_preview")
        self.card_label.setAccessibleName(self.tr("Card picture as the site crops it"))
        self.card_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.usage_tree = QTreeWidget(self)
        self.usage_tree.setObjectName("image_uses")
        self.usage_tree.setAccessibleName(self.tr("Where the picture is used, with its alt text"))
        self.usage_tree.setHeaderLabels([self.tr("Line"), self.tr("Alt text")])
        self.usage_tree.setRootIsDecorated(False)
        self.problem_list = QListWidget(self)
        self.problem_list.setObjectName("image_problems")
        self.problem_list.setAccessibleName(self.tr("Problems with the picture"))
        self.problem_list.setWordWrap(True)
        self.buttons = self._make_buttons()
        self._lay_out()
        self._connect()
        self.set_entries([], None, None)

    def _make_buttons(self) -> dict[str, QToolButton]:
        specs = (
            ("insert", self.tr("&Add…"), self.tr("Add pictures to the post")),
            ("rename", self.tr("Re&name…"), self.tr("Rename the picture; links follow")),
            ("replace", self.tr("Re&place…"), self.tr("Keep the name, use another picture")),
            ("optimise", self.tr("&Optimise"), self.tr("Scale down and recompress the file")),
            ("delete", self.tr("&Delete"), self.tr("Delete the picture (can be undone)")),
            ("restore", self.tr("&Undo Delete"), self.tr("Bring back the last deleted picture")),
            ("card", self.tr("Use as &Card"), self.tr("Show this picture on the post's card")),
        )
        buttons = {}
        for key, text, tip in specs:
            button = QToolButton(self)
            button.setObjectName(f"image_{key}")
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            buttons[key] = button
        return buttons

    def _lay_out(self) -> None:
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.summary)
        rows = (("insert", "rename", "replace", "optimise"), ("delete", "restore", "card"))
        for keys in rows:
            row = QHBoxLayout()
            for key in keys:
                row.addWidget(self.buttons[key])
            row.addStretch(1)
            column.addLayout(row)
        column.addWidget(self.image_list, 3)
        column.addWidget(self.card_label)
        uses = QLabel(self.tr("&Used at (edit the alt text in place):"), self)
        uses.setBuddy(self.usage_tree)
        column.addWidget(uses)
        column.addWidget(self.usage_tree, 2)
        problems = QLabel(self.tr("P&roblems:"), self)
        problems.setBuddy(self.problem_list)
        column.addWidget(problems)
        column.addWidget(self.problem_list, 1)

    def _connect(self) -> None:
        b = self.buttons
        b["insert"].clicked.connect(self.insert_requested)
        b["restore"].clicked.connect(self.restore_requested)
        for key, signal in (
            ("rename", self.rename_requested),
            ("replace", self.replace_requested),
            ("optimise", self.optimise_requested),
            ("delete", self.delete_requested),
            ("card", self.card_requested),
        ):
            b[key].clicked.connect(lambda _c=False, s=signal: self._emit_for_current(s))
        self.image_list.currentItemChanged.connect(self._on_image_list_current_item_changed)
        self.usage_tree.itemActivated.connect(self._on_usage_tree_item_activated)
        self.usage_tree.itemChanged.connect(self._on_usage_tree_item_changed)
        self.problem_list.itemActivated.connect(self._on_problem_list_item_activated)

    # -- state --------------------------------------------------------------------------------

    def set_entries(
        self,
        entries: Sequence[ImageEntry],
        card_size: tuple[int, int] | None,
        post_dir: Path | None,
        *,
        can_restore: bool = False,
    ) -> None:
        """Show ``entries``; the selection stays on the same picture when it is still there."""
        current = self.current_path()
        self._entries = {entry.path: entry for entry in entries}
        self._card_size, self._post_dir = card_size, post_dir
        self._filling = True
        self.image_list.clear()
        for entry in entries:
            item = QListWidgetItem(self._entry_text(entry), self.image_list)
            item.setData(_PATH_ROLE, entry.path)
            item.setIcon(self._icon(entry))
            item.setToolTip(entry.path)
        self._filling = False
        problems = sum(len(entry.problems) for entry in entries)
        pictures = sum(1 for entry in entries if entry.file is not None)
        self.summary.setText(
            f"{self._count_text(pictures, 'picture')} · {self._count_text(problems, 'problem')}"
            if post_dir is not None
            else self.tr("Save the post to add pictures: they are kept in a folder beside it.")
        )
        self.buttons["insert"].setEnabled(post_dir is not None)
        self.buttons["restore"].setEnabled(can_restore)
        self.select(current if current in self._entries else (entries[0].path if entries else None))
        if not entries:
            self._show_details(None)

    def select(self, path: str | None) -> None:
        """Make the picture at ``path`` the current one (and show its details)."""
        for row in range(self.image_list.count()):
            item = self.image_list.item(row)
            if item.data(_PATH_ROLE) == path:
                self.image_list.setCurrentItem(item)
                self._show_details(self._entries.get(path or ""))
                return

    def current_path(self) -> str | None:
        item = self.image_list.currentItem()
        path = item.data(_PATH_ROLE) if item is not None else None
        return path if isinstance(path, str) else None

    def entry(self, path: str) -> ImageEntry | None:
        return self._entries.get(path)

    def _entry_text(self, entry: ImageEntry) -> str:
        name = posixpath.basename(entry.path)
        if entry.is_card:
            name = self.tr("{name} (card picture)").format(name=name)
        if entry.file is None:
            details = self.tr("missing")
        else:
            size = human_size(entry.file.size)
            details = (
                self.tr("{width} × {height} px · {size}").format(  # noqa: RUF001
                    width=entry.file.width, height=entry.file.height, size=size
                )
                if entry.file.width
                else size
            )
        lines = sorted({ref.line + 1 for _index, ref in entry.references})
        used = (
            self.tr("used on line {lines}").format(lines=", ".join(map(str, lines)))
            if lines
            else self.tr("not used")
        )
        text = f"{name}\n{details} · {used}"
        if entry.problems:
            worst = min(
                entry.problems, key=lambda p: ("error", "warning", "hint").index(p.severity)
            )
            count = self._count_text(len(entry.problems), "problem")
            text += f"\n{_SEVERITY_MARK[worst.severity]} {count}"
        return text

    def _count_text(self, count: int, noun: str) -> str:
        """``1 picture``, ``3 problems``: Qt fills in %n and picks a translation's plural."""
        if noun == "picture":
            return (
                self.tr("%n picture", "", count)
                if count == 1
                else self.tr("%n pictures", "", count)
            )
        return self.tr("%n problem", "", count) if count == 1 else self.tr("%n problems", "", count)

    def _icon(self, entry: ImageEntry) -> QIcon:
        if entry.thumbnail:
            pixmap = QPixmap()
            if pixmap.loadFromData(entry.thumbnail):
                return QIcon(pixmap)
        return QIcon.fromTheme("image-missing" if entry.file is None else "image-x-generic")

    def _show_details(self, entry: ImageEntry | None) -> None:
        self._filling = True
        self.usage_tree.clear()
        self.problem_list.clear()
        for index, ref in entry.references if entry else ():
            where = self.tr("front matter") if ref.syntax == "front_matter" else ""
            item = QTreeWidgetItem([str(ref.line + 1), ref.alt or where])
            item.setData(0, _PATH_ROLE, index)
            item.setData(1, _PATH_ROLE, ref.line)
            if ref.alt_span is not None:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.usage_tree.addTopLevelItem(item)
        for problem in entry.problems if entry else ():
            text = f"{_SEVERITY_MARK[problem.severity]} {translated(problem.message)}"
            if problem.fix is not None:
                text += "\n" + self.tr("Fix: {label}").format(label=translated(problem.fix.label))
            problem_item = QListWidgetItem(text, self.problem_list)
            problem_item.setData(_PATH_ROLE, problem)
        self._filling = False
        has_file = entry is not None and entry.file is not None
        for key in ("rename", "replace", "optimise", "delete"):
            self.buttons[key].setEnabled(has_file)
        self.buttons["card"].setEnabled(has_file and self._card_size is not None)
        self._show_card(entry)

    def _show_card(self, entry: ImageEntry | None) -> None:
        """The picture cropped as the site's card shows it (700 by 330 on the blog)."""
        size = self._card_size
        if size is None or entry is None or entry.file is None or self._post_dir is None:
            self.card_label.clear()
            self.card_label.setVisible(False)
            return
        width = 280
        height = round(width * size[1] / size[0])
        image = scaled_image(self._post_dir / entry.path, width, cover=(width, height))
        if image.isNull():
            self.card_label.setVisible(False)
            return
        self.card_label.setPixmap(card_crop(image, width, height))
        self.card_label.setToolTip(self.tr("How the post's card would show this picture"))
        self.card_label.setVisible(True)

    # -- slots ----------------------------------------------------------------------------------

    def _emit_for_current(self, signal: Signal) -> None:
        path = self.current_path()
        if path is not None:
            signal.emit(path)  # type: ignore[attr-defined]

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_image_list_current_item_changed(
        self, current: QListWidgetItem | None, _previous: QListWidgetItem | None
    ) -> None:
        if self._filling:
            return
        self._show_details(self._entries.get(current.data(_PATH_ROLE)) if current else None)

    @Slot(QTreeWidgetItem, int)
    def _on_usage_tree_item_activated(self, item: QTreeWidgetItem, column: int) -> None:
        if column == 1 and item.flags() & Qt.ItemFlag.ItemIsEditable:
            self.usage_tree.editItem(item, 1)
        else:
            self.line_activated.emit(item.data(1, _PATH_ROLE))

    @Slot(QTreeWidgetItem, int)
    def _on_usage_tree_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if not self._filling and column == 1:
            self.alt_edited.emit(item.data(0, _PATH_ROLE), item.text(1))

    @Slot(QListWidgetItem)
    def _on_problem_list_item_activated(self, item: QListWidgetItem) -> None:
        problem = item.data(_PATH_ROLE)
        if isinstance(problem, ImageProblem):
            if problem.fix is not None:
                self.fix_requested.emit(problem)
            elif problem.line is not None:
                self.line_activated.emit(problem.line)


def card_crop(image: QImage, width: int, height: int) -> QPixmap:
    """``image`` scaled to cover ``width`` by ``height`` and cut to it around its centre."""
    scaled = image.scaled(
        width,
        height,
        Qt.AspectRatioMode.KeepAspectRatioByExpanding,
        Qt.TransformationMode.SmoothTransformation,
    )
    left = (scaled.width() - width) // 2
    top = (scaled.height() - height) // 2
    return QPixmap.fromImage(scaled.copy(left, top, width, height))


@dataclass
class _FileChange:
    """A file operation tied to one text edit: undone when the edit is undone."""

    before: str
    after: str
    undo: Callable[[], None]
    redo: Callable[[], None]
    done: bool = True


class ImagesController(QObject):
    """Keeps the Images panel in step with the post and carries out its commands.

    ``context`` returns the open post's path and site profile. The questions it asks
    (:attr:`ask_name`, :attr:`choose_file`) are attributes so they can be replaced.
    """

    notice = Signal(str)  # something to tell the user in the status bar
    refreshed = Signal()  # the panel shows the post's current pictures

    def __init__(
        self,
        editor: QPlainTextEdit,
        panel: ImagesPanel,
        inserter: ImageInserter,
        tasks: TaskRunner,
        *,
        holding: ImageHolding,
        context: Callable[[], tuple[Path | None, Profile | None]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._editor, self._panel, self._inserter = editor, panel, inserter
        self._tasks, self._holding, self._context = tasks, holding, context
        self._scan: _Scan | None = None
        self._scanned_for: tuple[Path | None, str] | None = None
        self._changes: list[_FileChange] = []
        self._deleted: list[HeldImage] = []
        self.ask_name: Callable[[str], str | None] = self._ask_name
        self.choose_file: Callable[[], Path | None] = self._choose_file
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self._on_timer_timeout)
        editor.textChanged.connect(self._on_editor_text_changed)
        application = QGuiApplication.instance()
        if isinstance(application, QGuiApplication):  # files may change while the app is away
            application.applicationStateChanged.connect(self._on_application_state_changed)
        inserter.image_added.connect(self.refresh)
        panel.line_activated.connect(self._go_to_line)
        panel.alt_edited.connect(self._on_panel_alt_edited)
        panel.insert_requested.connect(inserter.choose_files)
        panel.rename_requested.connect(self.rename)
        panel.replace_requested.connect(self.replace)
        panel.optimise_requested.connect(self.optimise)
        panel.delete_requested.connect(self.delete)
        panel.restore_requested.connect(self.restore_last)
        panel.card_requested.connect(self.use_as_card)
        panel.fix_requested.connect(self._on_panel_fix_requested)

    # -- where things are ---------------------------------------------------------------------

    def target(self) -> InsertTarget | None:
        """Where the open post's pictures go (None while it is unsaved)."""
        path, profile = self._context()
        if path is None:
            return None
        rules = profile.images if profile is not None else ImageRules()
        return InsertTarget(path.parent, image_folder_for(profile, path), rules)

    def _rules(self) -> ImageRules:
        target = self.target()
        return target.rules if target is not None else ImageRules()

    # -- refreshing ---------------------------------------------------------------------------

    def set_document(self) -> None:
        """Another post is open: forget the old one's undo records and look again."""
        self._changes.clear()
        self._scan = None
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Look at the post's folder again (off the GUI thread) and update the panel."""
        target = self.target()
        text = editor_text(self._editor)
        if target is None:
            self._scan = None
            self._show(text, None)
            return
        key = target.rules.thumbnail_field
        post_dir, folder = target.post_dir, target.image_folder
        known = dict(self._scan.thumbnails) if self._scan else {}
        self._tasks.submit(
            lambda: _scan(post_dir, folder, text, key, known),
            self._on_scanned,
            self._on_scan_failed,
            group="images.scan",
            owner=self,
        )

    @Slot(Qt.ApplicationState)
    def _on_application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.refresh()

    @Slot()
    def _on_timer_timeout(self) -> None:
        """Typing paused: show the problems again; list the disk only for new folders.

        Both are worked out off the GUI thread: on a long post they take a while.
        """
        target = self.target()
        scan = self._scan
        if target is None or scan is None:
            self.refresh()
            return
        text = editor_text(self._editor)
        situation = self._situation(text, target)

        def work() -> list[ImageEntry] | None:
            wanted = _folders(text, target.image_folder, target.rules.thumbnail_field)
            return _entries(text, situation, scan) if wanted <= scan.folders else None

        self._tasks.submit(
            work, partial(self._on_entries, target), group="images.entries", owner=self
        )

    def _on_entries(self, target: InsertTarget, entries: list[ImageEntry] | None) -> None:
        if entries is None:  # a picture folder the last scan did not list
            self.refresh()
            return
        self._panel.set_entries(
            entries, target.rules.card_size, target.post_dir, can_restore=bool(self._deleted)
        )

    def _on_scanned(self, scan: _Scan) -> None:
        self._scan = scan
        self._show(editor_text(self._editor), self.target())
        self.refreshed.emit()

    def _on_scan_failed(self, error: BaseException) -> None:
        self.notice.emit(
            self.tr("The post's pictures could not be listed: {error}").format(error=error)
        )

    def _situation(self, text: str, target: InsertTarget) -> ImageSituation:
        files = self._scan.files if self._scan else ()
        return ImageSituation(text, files, target.rules, target.image_folder)

    def _show(self, text: str, target: InsertTarget | None) -> None:
        if target is None:
            self._panel.set_entries([], None, None, can_restore=bool(self._deleted))
            return
        self._on_entries(target, _entries(text, self._situation(text, target), self._scan))

    def problems(self) -> tuple[ImageProblem, ...]:
        """The image problems of the post as it is now (for the checks list)."""
        target = self.target()
        if target is None:
            return ()
        return image_problems(self._situation(editor_text(self._editor), target))

    # -- commands -----------------------------------------------------------------------------

    @Slot(str)
    def rename(self, path: str) -> None:
        target = self.target()
        if target is None:
            return
        old = target.post_dir / path
        wanted = self.ask_name(old.name)
        if not wanted:
            return
        extension = old.suffix.lstrip(".")
        taken = taken_names(old.parent) - {old.name}
        stem = slug(wanted.rsplit(".", 1)[0] if "." in wanted else wanted)
        name = unique_name(stem, extension, taken, target.rules.name_max_length)
        if name == old.name:
            return
        new = old.with_name(name)
        new_path = posixpath.join(posixpath.dirname(path), name)
        try:
            rename_image(old, new)
        except ImageError as error:
            self.notice.emit(translated(error.message))
            return
        before = editor_text(self._editor)
        after = renamed(before, path, new_path, target.rules.thumbnail_field)
        self._record(
            before,
            after,
            undo=lambda: rename_image(new, old),
            redo=lambda: rename_image(old, new),
        )
        self.notice.emit(self.tr("Renamed {old} to {new}").format(old=old.name, new=name))
        self._panel.select(new_path)
        self.refresh()

    @Slot(str)
    def replace(self, path: str) -> None:
        target = self.target()
        source = self.choose_file() if target is not None else None
        if target is None or source is None:
            return
        self._rewrite(path, source, target, replacing=True)

    @Slot(str)
    def optimise(self, path: str) -> None:
        target = self.target()
        if target is not None:
            self._rewrite(path, target.post_dir / path, target, replacing=False)

    def _rewrite(self, path: str, source: Path, target: InsertTarget, *, replacing: bool) -> None:
        destination = target.post_dir / path
        extension = destination.suffix.lower().lstrip(".")
        forced = {"png": "png", "jpg": "jpg", "jpeg": "jpg"}.get(extension)
        options = ImageOptions(True, target.rules.max_width, target.rules.formats, forced)

        def work() -> tuple[int, int]:
            before = destination.stat().st_size
            processed = process_image(read_source(source), source.name, options)
            if forced is None and processed.extension != extension:
                raise ImageError(_kind_mismatch(destination.name))
            replace_image(destination, processed.data)
            return before, processed.size

        def done(sizes: tuple[int, int]) -> None:
            text = (
                self.tr("Replaced {name} ({before} → {after})")
                if replacing
                else self.tr("Optimised {name} ({before} → {after})")
            )
            before, after = (human_size(size) for size in sizes)
            self.notice.emit(text.format(name=destination.name, before=before, after=after))
            self.refresh()

        self._tasks.submit(work, done, self._on_failed, owner=self)

    @Slot(str)
    def delete(self, path: str) -> None:
        target = self.target()
        if target is None:
            return
        try:
            held = self._holding.delete(target.post_dir / path)
        except ImageError as error:
            self.notice.emit(translated(error.message))
            return
        self._deleted.append(held)
        self.notice.emit(
            self.tr("Deleted {name}. Undo Delete brings it back until you close the app.").format(
                name=held.original.name
            )
        )
        self.refresh()

    @Slot()
    def restore_last(self) -> None:
        if not self._deleted:
            return
        held = self._deleted[-1]
        try:
            self._holding.restore(held)
        except ImageError as error:
            self.notice.emit(translated(error.message))
            return
        self._deleted.pop()
        self.notice.emit(self.tr("Restored {name}").format(name=held.original.name))
        self.refresh()

    @Slot(str)
    def use_as_card(self, path: str) -> None:
        key = self._rules().thumbnail_field
        if key is None:
            return
        text = editor_text(self._editor)
        items = list(front_matter_images(text, key))
        link = link_for(path)
        rest = [item for item in items[1:] if item != link]
        try:
            new_text = set_field(text, key, [link, *rest])
        except FrontMatterEditError as error:
            self.notice.emit(translated(error.message))
            return
        replace_text_minimally(self._editor, new_text)
        self.notice.emit(self.tr("{path} is now the post's card picture").format(path=path))

    def finish(self) -> None:
        """The app is closing: deleted pictures go to the system trash (or stay set aside)."""
        moved = [held for held in self._holding.held if QFile.moveToTrash(str(held.held))]
        self._holding.forget(moved)

    # -- text edits from the panel ---------------------------------------------------------------

    @Slot(int, str)
    def _on_panel_alt_edited(self, index: int, alt: str) -> None:
        text = editor_text(self._editor)
        refs = find_references(text, self._rules().thumbnail_field)
        if 0 <= index < len(refs) and (refs[index].alt or "") != alt:
            replace_text_minimally(self._editor, with_alt_text(text, refs[index], alt))

    @Slot(object)
    def _on_panel_fix_requested(self, problem: ImageProblem) -> None:
        target = self.target()
        if target is None:
            return
        text = editor_text(self._editor)
        current = next(
            (
                p
                for p in image_problems(self._situation(text, target))
                if (p.rule, p.image, p.line) == (problem.rule, problem.image, problem.line)
                and p.fix is not None
            ),
            None,
        )
        if current is not None and current.fix is not None:
            replace_text_minimally(self._editor, apply_fix(text, current.fix))

    @Slot(int)
    def _go_to_line(self, line: int) -> None:
        go = getattr(self._editor, "go_to_line", None)
        if go is not None:
            go(line)
        self._editor.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- file operations that follow the text's undo ------------------------------------------

    def _record(
        self, before: str, after: str, *, undo: Callable[[], None], redo: Callable[[], None]
    ) -> None:
        self._changes = [change for change in self._changes if change.done]
        change = _FileChange(before, after, undo, redo)
        self._changes.append(change)
        replace_text_minimally(self._editor, after)

    @Slot()
    def _on_editor_text_changed(self) -> None:
        self._timer.start()
        if not self._changes:
            return
        text = editor_text(self._editor)
        done = [change for change in self._changes if change.done]
        undone = [change for change in self._changes if not change.done]
        if done and text == done[-1].before:
            self._apply_file_change(done[-1], undo=True)
        elif undone and text == undone[0].after:
            self._apply_file_change(undone[0], undo=False)

    def _apply_file_change(self, change: _FileChange, *, undo: bool) -> None:
        try:
            (change.undo if undo else change.redo)()
        except ImageError as error:
            self.notice.emit(translated(error.message))
            return
        change.done = not undo

    def _on_failed(self, error: BaseException) -> None:
        message = translated(error.message) if isinstance(error, ImageError) else str(error)
        self.notice.emit(message)

    # -- questions (replaceable) -------------------------------------------------------------

    def _ask_name(self, current: str) -> str | None:
        name, ok = QInputDialog.getText(
            self._panel,
            self.tr("Rename Picture"),
            self.tr("New name (lowercase letters, digits and hyphens; links follow):"),
            QLineEdit.EchoMode.Normal,
            current,
        )
        return name if ok else None

    def _choose_file(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(
            self._panel,
            self.tr("Replace Picture With"),
            "",
            self.tr("Pictures (*.png *.jpg *.jpeg *.gif *.webp *.bmp);;All files (*)"),
        )
        return Path(name) if name else None


def _kind_mismatch(name: str) -> Message:
    return message(
        "Images",
        "The new picture is of another kind than {name}; add it as a new picture instead.",
        name=name,
    )


def _folders(text: str, image_folder: str, key: str | None) -> frozenset[str]:
    """The post-relative folders whose files the panel needs to know."""
    folders = {posixpath.normpath(image_folder or ".")}
    for ref in find_references(text, key):
        if ref.target is not None:
            folders.add(posixpath.dirname(ref.target) or ".")
    return frozenset(folders)


def _scan(
    post_dir: Path,
    folder: str,
    text: str,
    key: str | None,
    known: dict[str, tuple[tuple[int, int], bytes | None]],
) -> _Scan:
    """The files and their thumbnails (runs off the GUI thread); unchanged files keep the
    thumbnail made before."""
    files = scan_images(post_dir, folder, text, key)
    thumbnails: dict[str, tuple[tuple[int, int], bytes | None]] = {}
    for file in files:
        try:
            info = (post_dir / file.path).stat()
        except OSError:
            continue
        stamp = (info.st_mtime_ns, info.st_size)
        cached = known.get(file.path)
        small = cached[1] if cached and cached[0] == stamp else None
        if small is None:
            small = thumbnail_png(post_dir / file.path, THUMBNAIL)
        thumbnails[file.path] = (stamp, small)
    return _Scan(files, _folders(text, folder, key), thumbnails)


def _entries(text: str, situation: ImageSituation, scan: _Scan | None) -> list[ImageEntry]:
    """One entry per picture: the files of the image folder and every referenced path."""
    refs = find_references(text, situation.rules.thumbnail_field)
    problems = image_problems(situation)
    entries: dict[str, ImageEntry] = {}
    for file in situation.files:
        entries[file.path] = ImageEntry(file.path, file, (), ())
    for index, ref in enumerate(refs):
        if ref.target is None:
            continue
        entry = entries.get(ref.target) or ImageEntry(ref.target, None, (), ())
        entries[ref.target] = replace(
            entry,
            references=(*entry.references, (index, ref)),
            is_card=entry.is_card or ref.thumbnail,
        )
    for problem in problems:
        if problem.image in entries:
            entry = entries[problem.image]
            entries[problem.image] = replace(entry, problems=(*entry.problems, problem))
    thumbnails = {
        path: small for path, (_stamp, small) in (scan.thumbnails if scan else {}).items()
    }
    return [
        replace(entry, thumbnail=thumbnails.get(entry.path))
        for entry in sorted(entries.values(), key=lambda e: (not e.is_card, e.path.casefold()))
        if entry.file is not None or entry.references
    ]


def holding_folder(state_dir: Path) -> Path:
    """Where deleted pictures wait until the app closes."""
    return state_dir / "deleted-images" / str(os.getpid())
