"""The first start: a short welcome, and a tour of the window that Help can show again.

The welcome asks only what Postwright cannot guess: the site the user writes for, and (only if
they want, now) their GitHub account. Everything else can wait; the app is fully usable
offline. The tour then points at each part of the window in turn; it can be left at any step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from editor.core.profiles import Profile


class WelcomeDialog(QDialog):
    """Two short pages: the site you write for, then GitHub (optional)."""

    sign_in_requested = Signal()

    def __init__(
        self, profiles: Sequence[Profile], chosen: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Postwright"))
        self.setObjectName("welcome_dialog")
        self.pages = QStackedWidget(self)
        self.sites = QButtonGroup(self)
        self.pages.addWidget(self._site_page(profiles, chosen))
        self.pages.addWidget(self._github_page())
        self.back_button = QPushButton(self.tr("&Back"), self)
        self.back_button.setObjectName("welcome_back")
        self.back_button.clicked.connect(lambda: self._go(0))
        self.next_button = QPushButton(self.tr("&Next"), self)
        self.next_button.setObjectName("welcome_next")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self._on_next_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        column = QVBoxLayout(self)
        column.addWidget(self.pages, 1)
        column.addLayout(buttons)
        self._go(0)
        self.resize(520, 360)

    def _site_page(self, profiles: Sequence[Profile], chosen: str) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        title = QLabel(self.tr("<h2>Welcome to Postwright</h2>"), page)
        intro = QLabel(
            self.tr(
                "Write your post, see it exactly as the site will show it, and send it to the"
                " site without learning git. Which site do you write for? You can write for the"
                " others too; this is only where new posts start."
            ),
            page,
        )
        intro.setWordWrap(True)
        column.addWidget(title)
        column.addWidget(intro)
        ordered = sorted(profiles, key=lambda p: (p.name.startswith("Example"), p.name.casefold()))
        for index, profile in enumerate(ordered):
            button = QRadioButton(profile.name.replace("&", "&&"), page)  # "&" is not a key
            button.setObjectName(f"welcome_site_{profile.id}")
            button.setProperty("profile_id", profile.id)
            self.sites.addButton(button, index)
            column.addWidget(button)
            if profile.id == chosen or (index == 0 and not chosen):
                button.setChecked(True)
        column.addStretch(1)
        return page

    def _github_page(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        title = QLabel(self.tr("<h2>GitHub, when you are ready</h2>"), page)
        text = QLabel(
            self.tr(
                "Sites receive posts as pull requests on GitHub. Postwright does that for you;"
                " it only needs you to sign in to a (free) GitHub account when you publish."
                " You can sign in now, or later from the status bar."
            ),
            page,
        )
        text.setWordWrap(True)
        self.sign_in_button = QPushButton(self.tr("&Sign In to GitHub…"), page)
        self.sign_in_button.setObjectName("welcome_sign_in")
        self.sign_in_button.setAutoDefault(False)  # Enter goes on, it does not sign in
        self.sign_in_button.clicked.connect(self.sign_in_requested)
        column.addWidget(title)
        column.addWidget(text)
        column.addWidget(self.sign_in_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        return page

    def _go(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.back_button.setVisible(index > 0)
        last = index == self.pages.count() - 1
        self.next_button.setText(self.tr("&Start Writing") if last else self.tr("&Next"))
        self.next_button.setFocus()

    @Slot()
    def _on_next_clicked(self) -> None:
        if self.pages.currentIndex() == self.pages.count() - 1:
            self.accept()
        else:
            self._go(self.pages.currentIndex() + 1)

    def chosen_site(self) -> str:
        """The id of the site chosen ("" when there are no sites)."""
        button = self.sites.checkedButton()
        return str(button.property("profile_id")) if button is not None else ""


@dataclass(frozen=True, slots=True)
class TourStep:
    """One stop of the tour: the widget it points at, and what to say about it."""

    target: Callable[[], QWidget | None]
    title: str
    text: str
    #: Brings the part forward first (a dock behind another tab).
    reveal: Callable[[], object] | None = None


class GuidedTour(QFrame):
    """A small card beside each part of the window in turn, with Back, Next and Close."""

    finished = Signal()

    def __init__(self, window: QWidget, steps: Sequence[TourStep]) -> None:
        super().__init__(window)
        self.setObjectName("guided_tour")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setAccessibleName(self.tr("Tour of the window"))
        self._window = window
        self._steps = [step for step in steps if step.target() is not None]
        self._index = 0
        self.title = QLabel(self)
        self.title.setObjectName("tour_title")
        self.text = QLabel(self)
        self.text.setObjectName("tour_text")
        self.text.setWordWrap(True)
        self.counter = QLabel(self)
        self.back_button = QPushButton(self.tr("&Back"), self)
        self.next_button = QPushButton(self.tr("&Next"), self)
        self.next_button.setObjectName("tour_next")
        self.close_button = QPushButton(self.tr("&Close Tour"), self)
        self.close_button.setObjectName("tour_close")
        self.back_button.clicked.connect(lambda: self.show_step(self._index - 1))
        self.next_button.clicked.connect(self._on_next_clicked)
        self.close_button.clicked.connect(self.finish)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.finish)
        buttons = QDialogButtonBox(self)
        for button in (self.back_button, self.next_button, self.close_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        column = QVBoxLayout(self)
        column.addWidget(self.title)
        column.addWidget(self.text)
        row = QHBoxLayout()
        row.addWidget(self.counter)
        row.addStretch(1)
        row.addWidget(buttons)
        column.addLayout(row)
        self.setFixedWidth(380)

    @property
    def step_count(self) -> int:
        """How many stops the tour has (parts of the window that are not there are left out)."""
        return len(self._steps)

    def start(self) -> None:
        """Show the first stop, with the keyboard on Next."""
        if not self._steps:
            self.finish()
            return
        self.show()
        self.show_step(0)
        self._window.activateWindow()
        self.next_button.setFocus()

    def show_step(self, index: int) -> None:
        """Point at stop ``index``."""
        self._index = max(0, min(index, len(self._steps) - 1))
        step = self._steps[self._index]
        self.title.setText(f"<b>{step.title}</b>")
        self.text.setText(step.text)
        self.counter.setText(
            self.tr("{number} of {count}").format(number=self._index + 1, count=len(self._steps))
        )
        self.back_button.setEnabled(self._index > 0)
        last = self._index == len(self._steps) - 1
        self.next_button.setText(self.tr("&Done") if last else self.tr("&Next"))
        self.setAccessibleDescription(f"{step.title}. {step.text}")
        if step.reveal is not None:
            step.reveal()
        self.adjustSize()
        self._place(step.target())
        self.raise_()  # above the docks (a raised dock would otherwise cover the card)
        self.next_button.setFocus()

    def _place(self, target: QWidget | None) -> None:
        """Beside ``target`` (inside the window), where it covers as little of it as it can."""
        if target is None:
            return
        window = self._window
        corner = target.mapTo(window, QPoint(0, 0))
        x = corner.x() + min(target.width() - 40, 40)
        y = corner.y() + min(target.height() // 3, 120)
        x = max(8, min(x, window.width() - self.width() - 8))
        y = max(8, min(y, window.height() - self.height() - 8))
        self.move(x, y)

    @Slot()
    def _on_next_clicked(self) -> None:
        if self._index >= len(self._steps) - 1:
            self.finish()
        else:
            self.show_step(self._index + 1)

    @Slot()
    def finish(self) -> None:
        """Close the tour."""
        self.hide()
        self.finished.emit()
        self.deleteLater()
