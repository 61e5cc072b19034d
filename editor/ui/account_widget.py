"""The GitHub account in the window's status bar: picture, login and name, Sign in / Sign out.

The picture is a circle with the account's initials, unless the account's own picture was
fetched after signing in (only when the API host serves it: GitHub.com's pictures come from
another host, which is not contacted; nothing is fetched at start-up).
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from editor.services.github.auth import Account


class InitialsBadge(QWidget):
    """A small circle with one or two letters, coloured by the login."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._letters = ""
        self._colour = QColor("#6e7781")
        self._picture = QPixmap()
        self.setFixedSize(QSize(22, 22))

    def set_account(self, account: Account | None) -> None:
        self._letters = account.initials() if account else ""
        self._picture = QPixmap()
        if account is not None:
            hue = hashlib.sha1(account.login.lower().encode()).digest()[0] * 360 // 256
            self._colour = QColor.fromHsv(hue, 140, 170)
        self.setVisible(account is not None)
        self.update()

    def set_picture(self, data: bytes) -> bool:
        """Show the account's picture instead of the initials; False if it is not an image."""
        picture = QPixmap()
        if not picture.loadFromData(data):
            return False
        self._picture = picture
        self.update()
        return True

    def letters(self) -> str:
        return self._letters

    def has_picture(self) -> bool:
        return not self._picture.isNull()

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._colour)
        circle = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        if not self._picture.isNull():
            clip = QPainterPath()
            clip.addEllipse(circle)
            painter.setClipPath(clip)
            painter.drawPixmap(self.rect(), self._picture)
            painter.end()
            return
        painter.drawEllipse(circle)
        font = QFont(self.font())
        font.setPixelSize(10 if len(self._letters) > 1 else 12)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._letters)
        painter.end()


class AccountWidget(QWidget):
    """Shows who is signed in and offers the one thing to do next."""

    sign_in_requested = Signal()
    sign_out_requested = Signal()
    #: The user asked to see their GitHub picture instead of the initials.
    picture_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("account_widget")
        self.setAccessibleName(self.tr("GitHub account"))
        self._account: Account | None = None
        self.badge = InitialsBadge(self)
        self.name_label = QLabel(self)
        self.name_label.setAccessibleName(self.tr("Signed in to GitHub as"))
        self.button = QToolButton(self)
        self.button.setObjectName("account_button")
        self.button.setAutoRaise(True)
        self.button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.button.clicked.connect(self._on_button_clicked)
        self.picture_action = QAction(self.tr("Show My GitHub Picture"), self)
        self.picture_action.triggered.connect(self.picture_requested)
        # right-click, or the Menu key on the focused button
        self.button.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.button.addAction(self.picture_action)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        row.setSpacing(6)
        row.addWidget(self.badge)
        row.addWidget(self.name_label)
        row.addWidget(self.button)
        self.set_account(None)

    def account(self) -> Account | None:
        return self._account

    @Slot(object)
    def set_account(self, account: Account | None) -> None:
        """Show ``account`` (None: signed out)."""
        self._account = account
        self.badge.set_account(account)
        self.picture_action.setEnabled(account is not None)
        if account is None:
            self.name_label.setText(self.tr("Not signed in to GitHub"))
            self.name_label.setToolTip("")
            self.button.setText(self.tr("Sign In…"))
            self.button.setAccessibleName(self.tr("Sign in to GitHub"))
            return
        self.name_label.setText(account.login)
        self.name_label.setToolTip(
            self.tr("Signed in to GitHub as {name} ({login})").format(
                name=account.display_name, login=account.login
            )
        )
        self.button.setText(self.tr("Sign Out"))
        self.button.setAccessibleName(
            self.tr("Sign out of GitHub ({login})").format(login=account.login)
        )

    @Slot()
    def _on_button_clicked(self) -> None:
        if self._account is None:
            self.sign_in_requested.emit()
        else:
            self.sign_out_requested.emit()
