"""The Problems panel: what the site's build, lint or reviewers would object to, as you type.

:class:`ProblemsPanel` lists the problems (worst first within each line), jumps to one when it
is activated and offers its quick fix; it only reports what the user asks for, by signals.
:class:`ProblemsController` runs the checks off the GUI thread after each edit (through the
:class:`~editor.ui.tasks.TaskRunner`, latest wins), fills the panel, underlines the problems in
the editor, applies fixes as one undoable edit, and checks web links when asked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHelpEvent, QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStyle,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.checks.model import CheckReport, FixNotApplicableError, Problem, apply_fix
from editor.core.profiles import Profile
from editor.services.render_process import AnalysisFailedError, run_named
from editor.ui.document import editor_text, replace_text_minimally
from editor.ui.editor import MarkdownEditor
from editor.ui.messages import translated
from editor.ui.tasks import Analyst, CancelToken, TaskHandle, TaskRunner

if TYPE_CHECKING:  # the checks themselves load when the first check runs (decision 0011)
    from editor.core.checks.links import LinkResult, WebLink
    from editor.services.link_check import LinkChecker

#: The post in the editor: its file (None when unsaved) and its site profile (None: no site).
DocumentContext = Callable[[], tuple[Path | None, Profile | None]]
_PROBLEM_ROLE = Qt.ItemDataRole.UserRole
#: How long typing must pause before the post is checked again, in milliseconds. A check of a
#: long post is a third of a second of Python on a worker thread; run after every key it holds the
#: interpreter lock often enough to stall the window while the user types.
CHECK_PAUSE_MS = 400
#: The checks, by name: the window's process does not load them (decision 0011).
CHECK = "editor.services.checks_files:check_saved_post"


class ProblemsPanel(QWidget):
    """A list of problems with a summary, a quick-fix button and the "Check Links" button."""

    problem_activated = Signal(int)  # 0-based line of the problem the user chose
    fix_requested = Signal(object)  # the Problem whose quick fix the user asked for
    check_links_requested = Signal()  # the user asked to check the post's web links

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problems_panel")
        self.summary = QLabel(self)
        self.summary.setObjectName("problems_summary")
        self.summary.setAccessibleName(self.tr("Summary of problems"))
        self.links_button = QPushButton(self.tr("Check &Links"), self)
        self.links_button.setAccessibleName(self.tr("Check the post's web links"))
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Link check progress"))
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("problems_list")
        self.tree.setAccessibleName(self.tr("Problems"))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderLabels([self.tr("Severity"), self.tr("Line"), self.tr("Problem")])
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.tree.setWordWrap(True)
        self.fix_button = QPushButton(self.tr("&Fix"), self)
        self.fix_button.setAccessibleName(self.tr("Apply the quick fix of the selected problem"))
        self.fix_button.setEnabled(False)
        self._lay_out()
        self.tree.itemActivated.connect(self._on_tree_item_activated)
        self.tree.itemClicked.connect(self._on_tree_item_activated)
        self.tree.currentItemChanged.connect(self._on_tree_current_item_changed)
        self.fix_button.clicked.connect(self._on_fix_button_clicked)
        self.links_button.clicked.connect(self.check_links_requested)
        self.set_checking()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.progress)
        top.addWidget(self.links_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.fix_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.addLayout(top)
        column.addWidget(self.tree, 1)
        column.addLayout(bottom)

    # -- API --------------------------------------------------------------------------------

    def set_problems(self, problems: Sequence[Problem]) -> None:
        """Show ``problems``; the selected one stays selected when it is still there."""
        current = self.selected_problem()
        self.tree.clear()
        items = [self._item(problem) for problem in problems]
        self.tree.addTopLevelItems(items)
        self.summary.setText(self._summary(problems))
        again = next((item for item, p in zip(items, problems, strict=True) if p == current), None)
        if again is not None and current is not None:
            self.tree.setCurrentItem(again)
        self._on_tree_current_item_changed(self.tree.currentItem(), None)

    def set_checking(self) -> None:
        """Nothing to list yet: the post is being checked (never "no problems" before that)."""
        self.set_problems(())
        self.summary.setText(self.tr("Checking the post…"))

    def problems(self) -> list[Problem]:
        """The problems listed, in order."""
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item.data(0, _PROBLEM_ROLE) for item in items if item is not None]

    def select(self, problem: Problem) -> None:
        """Make ``problem`` the selected one (shows its fix on the Fix button)."""
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            if item is not None and item.data(0, _PROBLEM_ROLE) == problem:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
                return

    def selected_problem(self) -> Problem | None:
        """The problem the user has selected, if any."""
        item = self.tree.currentItem()
        return item.data(0, _PROBLEM_ROLE) if item is not None else None

    def set_link_progress(self, done: int, total: int) -> None:
        """Show the link check's progress; ``total`` 0 hides the bar."""
        running = total > 0 and done < total
        self.progress.setVisible(running)
        self.links_button.setEnabled(not running)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("Links: %v of %m"))

    # -- building ---------------------------------------------------------------------------

    def _item(self, problem: Problem) -> QTreeWidgetItem:
        names = {"error": self.tr("Error"), "warning": self.tr("Warning"), "hint": self.tr("Hint")}
        line = "" if problem.line is None else str(problem.line + 1)
        text = translated(problem.message)
        if problem.fix is not None:
            text = self.tr("{problem} (fix: {fix})").format(
                problem=text, fix=translated(problem.fix.label)
            )
        item = QTreeWidgetItem([names[problem.severity], line, text])
        item.setIcon(0, self._icon(problem.severity))
        item.setToolTip(2, text)
        item.setData(0, _PROBLEM_ROLE, problem)
        return item

    def _icon(self, severity: str) -> QIcon:
        pixmap = {
            "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
            "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
            "hint": QStyle.StandardPixmap.SP_MessageBoxInformation,
        }[severity]
        return self.style().standardIcon(pixmap)

    def _summary(self, problems: Sequence[Problem]) -> str:
        if not problems:
            return self.tr("No problems found.")
        errors = sum(1 for p in problems if p.severity == "error")
        warnings = sum(1 for p in problems if p.severity == "warning")
        hints = len(problems) - errors - warnings
        # Qt picks the plural form a translation gives; the English source has both written out
        counts = ", ".join(
            (
                self.tr("%n error", "", errors)
                if errors == 1
                else self.tr("%n errors", "", errors),
                self.tr("%n warning", "", warnings)
                if warnings == 1
                else self.tr("%n warnings", "", warnings),
                self.tr("%n hint", "", hints) if hints == 1 else self.tr("%n hints", "", hints),
            )
        )
        if errors:
            return self.tr("{counts}. Errors stop the post from being published.").format(
                counts=counts
            )
        return counts

    # -- slots ------------------------------------------------------------------------------

    @Slot(QTreeWidgetItem, int)
    def _on_tree_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        problem: Problem = item.data(0, _PROBLEM_ROLE)
        if problem.line is not None:
            self.problem_activated.emit(problem.line)

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_tree_current_item_changed(
        self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None
    ) -> None:
        problem = current.data(0, _PROBLEM_ROLE) if current is not None else None
        fix = problem.fix if problem is not None else None
        self.fix_button.setEnabled(fix is not None)
        label = translated(fix.label) if fix is not None else ""
        self.fix_button.setText(
            self.tr("&Fix: {label}").format(label=label) if fix is not None else self.tr("&Fix")
        )

    @Slot()
    def _on_fix_button_clicked(self) -> None:
        problem = self.selected_problem()
        if problem is not None and problem.fix is not None:
            self.fix_requested.emit(problem)


class _Progress(QObject):
    """Carries the link checker's progress from its threads to the GUI thread."""

    advanced = Signal(int, int, int)  # which check, links checked so far, links in all


class ProblemsController(QObject):
    """Checks the editor's text after edits and keeps the panel and the squiggles current."""

    checked = Signal(object)  # the CheckReport of the text now in the editor
    notice = Signal(str)  # something to tell the user in the status bar

    def __init__(
        self,
        editor: MarkdownEditor,
        panel: ProblemsPanel,
        tasks: TaskRunner,
        context: DocumentContext,
        parent: QObject | None = None,
        *,
        link_checker: Callable[[], LinkChecker] | None = None,
        analyse: Analyst = run_named,
    ) -> None:
        """``analyse`` runs the checks (by default on the worker thread itself)."""
        super().__init__(parent)
        self._editor, self._panel, self._tasks = editor, panel, tasks
        self._context = context
        self._link_checker = link_checker or _default_link_checker
        self._analyse = analyse
        self._running = False
        self._dirty = False
        self._checked_text: str | None = None
        self._report: CheckReport | None = None
        self._link_problems: list[Problem] = []
        self._link_token: CancelToken | None = None
        self._link_handle: TaskHandle[list[LinkResult]] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._start)
        self._progress = _Progress(self)
        self._progress.advanced.connect(self._on_progress_advanced)
        self._link_generation = 0  # progress of an abandoned link check is not shown
        editor.textChanged.connect(self._on_editor_text_changed)
        editor.viewport().installEventFilter(self)
        panel.problem_activated.connect(editor.go_to_line)
        panel.fix_requested.connect(self._on_panel_fix_requested)
        panel.check_links_requested.connect(self.check_links)

    @property
    def report(self) -> CheckReport | None:
        """The last report, for the text the editor held when it was made."""
        return self._report

    @Slot()
    def set_document(self) -> None:
        """Another post is in the editor: forget the last link check and check again."""
        self._link_problems = []
        self._link_generation += 1
        if self._link_token is not None:
            self._link_token.cancel()  # the checker stops asking
        if self._link_handle is not None:
            self._link_handle.cancel()  # and what it found is dropped
        self._panel.set_link_progress(0, 0)
        self._report = self._checked_text = None  # the last post's problems are not this one's
        self._panel.set_checking()
        self._editor.set_problem_marks([])
        self.schedule()

    @Slot()
    def schedule(self) -> None:
        """Check again on the next idle turn (several edits in one turn make one check)."""
        if self._running:
            self._dirty = True
        else:
            self._timer.start(0)

    @Slot()
    def _on_editor_text_changed(self) -> None:
        """Check again once typing pauses for ``CHECK_PAUSE_MS`` (a check already due soon
        stays due)."""
        if self._running:
            self._dirty = True
        elif not (self._timer.isActive() and self._timer.interval() == 0):
            self._timer.start(CHECK_PAUSE_MS)

    @Slot()
    def _start(self) -> None:
        path, profile = self._context()
        text = editor_text(self._editor)
        self._running, self._dirty = True, False
        analyse = self._analyse
        self._tasks.submit(
            lambda: (text, analyse(CHECK, text, profile, path)),  # files read off the GUI thread
            self._on_checked,
            self._on_check_failed,
            group="checks",
            owner=self,
        )

    def _on_checked(self, outcome: tuple[str, CheckReport]) -> None:
        self._running = False
        text, report = outcome
        if self._dirty or text != editor_text(self._editor):
            self._dirty = False
            self._on_editor_text_changed()  # the text changed meanwhile: this one is old
            return
        self._checked_text, self._report = text, report
        self._show()
        self.checked.emit(report)

    def _on_check_failed(self, error: BaseException) -> None:
        self._running = False
        reason = translated(error.message) if isinstance(error, AnalysisFailedError) else error
        self.notice.emit(self.tr("The checks could not run: {error}").format(error=reason))
        if self._report is None:  # nothing checked to show: say so rather than "checking"
            self._panel.summary.setText(self.tr("The checks could not run."))
        if self._dirty:
            self.schedule()

    def _show(self) -> None:
        problems = list(self._report.problems) if self._report else []
        problems += self._link_problems
        problems.sort(key=lambda p: -1 if p.line is None else p.line)
        self._panel.set_problems(problems)
        self._editor.set_problem_marks(self._marks(problems))

    def _marks(self, problems: Sequence[Problem]) -> list[tuple[int, int, str]]:
        document = self._editor.document()
        marks: list[tuple[int, int, str]] = []
        for problem in problems:
            if not self._has_mark(problem):
                continue
            assert problem.line is not None
            block = document.findBlockByNumber(problem.line)
            line = block.text()
            start = problem.start if problem.start is not None else len(line) - len(line.lstrip())
            end = problem.end if problem.end is not None else len(line)
            marks.append(
                (
                    block.position() + _utf16_length(line[:start]),
                    block.position() + _utf16_length(line[:end]),
                    problem.severity,
                )
            )
        return marks

    def problems_at(self, position: int) -> list[Problem]:
        """The listed problems underlined at document ``position`` (UTF-16, as Qt counts)."""
        problems = self._panel.problems()
        return [
            problem
            for problem, (start, end, _severity) in zip(
                (p for p in problems if self._has_mark(p)), self._marks(problems), strict=True
            )
            if start <= position <= end
        ]

    def _has_mark(self, problem: Problem) -> bool:
        return problem.line is not None and problem.line < self._editor.document().blockCount()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Hovering an underlined problem shows its message."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            position = self._editor.cursorForPosition(event.pos()).position()
            found = self.problems_at(position)
            if found:
                QToolTip.showText(
                    event.globalPos(), "\n".join(translated(p.message) for p in found), self._editor
                )
                return True
        return super().eventFilter(watched, event)

    @Slot()
    def go_to_next_problem(self) -> None:
        """Select the first problem below the cursor's line (from the top after the last)."""
        self._go_to_problem(forward=True)

    @Slot()
    def go_to_previous_problem(self) -> None:
        """Select the last problem above the cursor's line (from the end before the first)."""
        self._go_to_problem(forward=False)

    def _go_to_problem(self, *, forward: bool) -> None:
        placed = [p for p in self._panel.problems() if p.line is not None]
        if not placed:
            self.notice.emit(self.tr("No problems found."))
            return
        here = self._editor.cursor_line()
        lines = sorted({p.line for p in placed if p.line is not None}, reverse=not forward)
        ahead = [n for n in lines if (n > here if forward else n < here)]
        line = (ahead or lines)[0]
        problem = next(p for p in placed if p.line == line)
        self._panel.select(problem)
        self._editor.go_to_line(line)

    # -- fixes ------------------------------------------------------------------------------

    @Slot(object)
    def _on_panel_fix_requested(self, problem: Problem) -> None:
        text = editor_text(self._editor)
        if problem.fix is None:
            return
        if text != self._checked_text:
            self.notice.emit(self.tr("The text changed since the check; checking again."))
            self.schedule()
            return
        try:
            new_text = apply_fix(text, problem.fix)
        except FixNotApplicableError as error:
            self.notice.emit(self.tr("This fix could not be applied: {why}").format(why=error))
            return
        replace_text_minimally(self._editor, new_text)
        self.notice.emit(
            self.tr("Applied: {fix}. Undo takes it back.").format(fix=translated(problem.fix.label))
        )

    # -- links ------------------------------------------------------------------------------

    @Slot()
    def check_links(self) -> None:
        """Check the post's web links in the background, with progress in the panel."""
        from editor.core.checks.links import links_to_check  # noqa: PLC0415

        path, profile = self._context()
        links = links_to_check(editor_text(self._editor), profile, str(path) if path else None)
        if not links:
            self.notice.emit(self.tr("This post has no web links to check."))
            return
        if self._link_token is not None:
            self._link_token.cancel()
        self._panel.set_link_progress(0, len(links))
        checker = self._link_checker()
        self._link_generation += 1
        generation, advanced = self._link_generation, self._progress.advanced

        def progress(done: int, total: int) -> None:
            advanced.emit(generation, done, total)

        token = CancelToken()
        self._link_token = token
        self._link_handle = self._tasks.submit(
            lambda: checker.check(
                [link.url for link in links], progress=progress, cancelled=lambda: token.cancelled
            ),
            lambda results: self._on_links_checked(links, results),
            self._on_links_failed,
            group="links",
            owner=self,
        )

    @Slot(int, int, int)
    def _on_progress_advanced(self, generation: int, done: int, total: int) -> None:
        if generation == self._link_generation:
            self._panel.set_link_progress(done, total)

    def _on_links_checked(self, links: list[WebLink], results: list[LinkResult]) -> None:
        from editor.core.checks.links import link_problems  # noqa: PLC0415

        self._panel.set_link_progress(0, 0)
        self._link_problems = link_problems(links, results)
        broken = sum(1 for r in results if r.status == "broken")
        unchecked = sum(1 for r in results if r.status == "unchecked")
        if unchecked == len(results):
            text = self.tr("No link could be checked. Are you offline?")
        else:
            text = self.tr("Links checked: %n broken", "", broken)
            if unchecked:
                text += self.tr(", %n could not be checked", "", unchecked)
        self.notice.emit(text)
        self._show()

    def _on_links_failed(self, error: BaseException) -> None:
        self._panel.set_link_progress(0, 0)
        self.notice.emit(self.tr("The links could not be checked: {error}").format(error=error))


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _default_link_checker() -> LinkChecker:
    from editor.services.link_check import LinkChecker  # noqa: PLC0415

    return LinkChecker()
