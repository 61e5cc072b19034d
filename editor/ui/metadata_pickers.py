"""Dialogs the metadata form opens to pick a value: a date and time with its offset, a picture.

Both only return a value; the field editor that opened them reports it as an edit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate, QSize, Qt, QTime, Slot
from PySide6.QtGui import QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

#: Picture files a post can show (what the sites' builds and browsers accept).
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"})
THUMBNAIL_SIZE = QSize(120, 80)

#: UTC offsets in use somewhere in the world, in minutes.
_OFFSETS_MINUTES = sorted(
    {hours * 60 for hours in range(-12, 15)}
    | {-570, -510, -210, 210, 270, 330, 390, 570, 630, 345, 525, 765, 825}
)


def offset_text(minutes: int) -> str:
    """``+05:30``-style text for an offset in minutes (``+00:00`` for UTC)."""
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"


def parse_moment(text: str, fmt: str | None) -> dt.datetime | None:
    """The date or date-time written in ``text`` (as the field's format has it), or None."""
    text = text.strip()
    if not text:
        return None
    try:
        if fmt == "MM/DD/YYYY":
            return dt.datetime.strptime(text, "%m/%d/%Y")
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


class DateTimeDialog(QDialog):
    """A calendar, and for date-times a time and a UTC offset (the author's own by default)."""

    def __init__(
        self,
        label: str,
        initial: dt.datetime,
        *,
        with_time: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Choose {label}").format(label=label))
        self._with_time = with_time
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("date_calendar")
        self.calendar.setAccessibleName(self.tr("Date"))
        self.calendar.setGridVisible(True)
        self.calendar.setSelectedDate(QDate(initial.year, initial.month, initial.day))
        self.time_edit = QTimeEdit(self)
        self.time_edit.setObjectName("time_edit")
        self.time_edit.setAccessibleName(self.tr("Time"))
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setTime(QTime(initial.hour, initial.minute))
        self.offset_box = QComboBox(self)
        self.offset_box.setObjectName("offset_box")
        self.offset_box.setAccessibleName(self.tr("Time zone offset from UTC"))
        self._fill_offsets(initial)
        self._lay_out()

    def _fill_offsets(self, initial: dt.datetime) -> None:
        offset = initial.utcoffset()
        if offset is None:
            offset = dt.datetime.now().astimezone().utcoffset() or dt.timedelta()
        wanted = int(offset.total_seconds() // 60)
        minutes = sorted({*_OFFSETS_MINUTES, wanted})
        for value in minutes:
            self.offset_box.addItem(self.tr("UTC{offset}").format(offset=offset_text(value)), value)
        self.offset_box.setCurrentIndex(minutes.index(wanted))

    def _lay_out(self) -> None:
        form = QFormLayout()
        time_label = QLabel(self.tr("&Time:"), self)
        time_label.setBuddy(self.time_edit)
        offset_label = QLabel(self.tr("Time &zone:"), self)
        offset_label.setBuddy(self.offset_box)
        form.addRow(time_label, self.time_edit)
        form.addRow(offset_label, self.offset_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.calendar)
        if self._with_time:
            column.addLayout(form)
        else:
            for widget in (self.time_edit, self.offset_box, time_label, offset_label):
                widget.hide()
        column.addWidget(buttons)
        self.calendar.setFocus()

    def moment(self) -> dt.datetime:
        """The chosen date and time, with its offset for date-times (seconds are zero)."""
        date, time = self.calendar.selectedDate(), self.time_edit.time()
        if not self._with_time:
            return dt.datetime(date.year(), date.month(), date.day())
        offset = dt.timezone(dt.timedelta(minutes=int(self.offset_box.currentData())))
        return dt.datetime(
            date.year(), date.month(), date.day(), time.hour(), time.minute(), tzinfo=offset
        )


@dataclass(frozen=True, slots=True)
class PostImage:
    """A picture in the post's image folder: the link the front matter uses, and its file."""

    link: str
    path: Path


def post_images(folder: Path | None, link_prefix: str) -> list[PostImage]:
    """The pictures directly in ``folder``, by name (links are ``link_prefix`` + file name)."""
    if folder is None or not folder.is_dir():
        return []
    found = [
        PostImage(link_prefix + path.name, path)
        for path in folder.iterdir()
        if path.suffix.lower() in IMAGE_SUFFIXES and path.is_file() and not path.is_symlink()
    ]
    return sorted(found, key=lambda image: image.link.casefold())


class ImagePickerDialog(QDialog):
    """The post's pictures as thumbnails; the one chosen becomes the field's value."""

    def __init__(
        self,
        label: str,
        images: Sequence[PostImage],
        current: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Choose {label}").format(label=label))
        self.list = QListWidget(self)
        self.list.setObjectName("image_list")
        self.list.setAccessibleName(self.tr("Pictures of this post"))
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(THUMBNAIL_SIZE)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setMinimumSize(440, 300)
        self.list.itemActivated.connect(self._on_list_item_activated)
        for image in images:
            self.list.addItem(self._item(image))
            if image.link == current:
                self.list.setCurrentRow(self.list.count() - 1)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        note = QLabel(self)
        note.setWordWrap(True)
        note.setText(
            self.tr("Choose a picture from the post's image folder.")
            if images
            else self.tr(
                "This post has no pictures in its image folder yet. Add one first, then choose it"
                " here."
            )
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(images))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(note)
        column.addWidget(self.list, 1)
        column.addWidget(buttons)

    def _item(self, image: PostImage) -> QListWidgetItem:
        reader = QImageReader(str(image.path))
        size = reader.size()
        reader.setScaledSize(size.scaled(THUMBNAIL_SIZE, Qt.AspectRatioMode.KeepAspectRatio))
        picture = reader.read()
        icon = QIcon(QPixmap.fromImage(picture)) if not picture.isNull() else QIcon()
        item = QListWidgetItem(icon, image.path.name)
        item.setData(Qt.ItemDataRole.UserRole, image.link)
        dimensions = (
            self.tr("{width} by {height} pixels").format(width=size.width(), height=size.height())
            if size.isValid()
            else self.tr("cannot be read")
        )
        item.setToolTip(f"{image.link}\n{dimensions}")
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{image.path.name}, {dimensions}")
        return item

    def chosen_link(self) -> str | None:
        """The link of the chosen picture, or None."""
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    @Slot(QListWidgetItem)
    def _on_list_item_activated(self, _item: QListWidgetItem) -> None:
        self.accept()
