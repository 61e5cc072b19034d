"""Keeps the preview in step with the editor: rendering, scrolling, clicking.

Text snapshot → render on a worker → the newest result wins → the page is patched in place.
At most one render runs at a time; edits made meanwhile are coalesced into the next render, so
typing never waits for rendering and the preview never falls more than one render behind.

Scheduling depends on size (decision 0011): a post of ordinary length renders on the next idle
turn of the event loop (no debounce); a very long one waits a few milliseconds so that a burst
of keystrokes becomes one render; while the preview is hidden, renders wait until typing pauses
(the word count and front-matter checks still follow) and the preview catches up when shown.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot

from editor.core.profiles import Profile
from editor.core.render import RenderOptions, available_dialects
from editor.core.source_files import repository_location
from editor.services.render_process import RenderFailedError, RenderOutcome, RenderProcess
from editor.services.source_files import FolderSourceFiles
from editor.ui.document import editor_text
from editor.ui.editor import MarkdownEditor
from editor.ui.messages import translated
from editor.ui.preview import PreviewView
from editor.ui.tasks import TaskRunner

#: The task group of the preview's renders (the newest render wins).
RENDER_GROUP = "preview"
_DEFAULT_DIALECT = RenderOptions().dialect
#: A line past any document: the preview clamps it to its very end.
END_OF_DOCUMENT = 1e9
#: From this many characters (about 30,000 words) a burst of edits is coalesced into one render.
LARGE_DOCUMENT_CHARS = 200_000
#: How long a large document waits for more edits before rendering.
COALESCE_MS = 25
#: While the preview is hidden, a render waits this long (the status bar still follows).
HIDDEN_DELAY_MS = 1000


class PreviewController(QObject):
    """Wires one editor to one preview through the task runner."""

    rendered = Signal(object)  # RenderOutcome: the newest render, already sent to the preview
    render_failed = Signal(str)  # a description of an unexpected renderer failure

    def __init__(
        self,
        editor: MarkdownEditor,
        preview: PreviewView,
        tasks: TaskRunner,
        renderer: RenderProcess,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._renderer = renderer
        self._editor = editor
        self._preview = preview
        self._tasks = tasks
        self._options = RenderOptions()
        self._document_path: Path | None = None  # the open post's file, None until saved
        self._post_path = ""  # the profile's repository layout, e.g. "Community/{name}.md"
        self._revision = 0
        self._first_revision_of_document = 0
        self._dirty = False
        self._in_flight = False
        self._sync_scroll = True
        self._kick = QTimer(self, singleShot=True, interval=0)
        self._kick.timeout.connect(self._start_render)
        editor.textChanged.connect(self.schedule)
        preview.installEventFilter(self)  # shown again: catch up at once
        editor.scrolled_to_line.connect(self._on_editor_scrolled_to_line)
        preview.scrolled_to_line.connect(self._on_preview_scrolled_to_line)
        preview.line_clicked.connect(self._on_preview_line_clicked)

    # -- settings ---------------------------------------------------------------------------

    def set_sync_scroll(self, enabled: bool) -> None:
        self._sync_scroll = enabled
        if enabled:
            self._preview.scroll_to_line(self._editor.first_visible_line())

    def set_remote_allowed(self, allowed: bool) -> None:
        if allowed == self._options.allow_remote:
            return
        self._options = replace(self._options, allow_remote=allowed)
        self._preview.set_remote_allowed(allowed)
        self.schedule()

    def set_profile(self, profile: Profile | None) -> None:
        """Render and style the preview as ``profile``'s site does (None: the defaults).

        The site's dialect is used when this installation has it (otherwise the default
        one, and the profile carries a warning saying so); its preview theme replaces the
        stylesheet in place. Nothing is re-rendered when neither changed.
        """
        dialect = profile.dialect if profile is not None else _DEFAULT_DIALECT
        if dialect not in available_dialects():
            dialect = _DEFAULT_DIALECT
        self._preview.set_theme(profile.preview_theme if profile is not None else "")
        self._post_path = profile.post_path if profile is not None else ""
        self._update_source_files()
        # the blog's theme draws the post's title, author, date and tags above the body
        header = profile is not None and profile.preview_theme == "pnp-blog"
        shared = tuple((f.path, f.description) for f in profile.repository_files) if profile else ()
        current = (self._options.dialect, self._options.post_header, self._options.repository_files)
        if (dialect, header, shared) != current:
            self._options = replace(
                self._options, dialect=dialect, post_header=header, repository_files=shared
            )
            self.schedule()

    def set_document_path(self, path: Path | None) -> None:
        """The open post's file (None: not saved yet): files it pulls in are read from its
        repository folder (e.g. Learn's includes, code samples and image paths)."""
        self._document_path = path
        self._update_source_files()

    def _update_source_files(self) -> None:
        files, document = None, ""
        attachments: tuple[tuple[str, int], ...] = ()
        if self._document_path is not None:
            root, document = repository_location(self._document_path, self._post_path)
            files = FolderSourceFiles(str(root))
            attachments = bundle_attachments(self._document_path.parent)
        current = (self._options.source_files, self._options.document_path)
        if (files, document) != current or attachments != self._options.attachments:
            self._options = replace(
                self._options, source_files=files, document_path=document, attachments=attachments
            )
            self.schedule()

    def set_document_root(self, root: Path | None) -> None:
        """A new document: renders started for the previous one are dropped when they arrive."""
        self._first_revision_of_document = self._revision + 1
        self._preview.set_document_root(root)
        self.schedule()

    def sync_preview_to_editor(self) -> None:
        """Scroll the preview to where the editor is (when scroll sync is on)."""
        if not self._sync_scroll:
            return
        bar = self._editor.verticalScrollBar()
        at_end = bar.maximum() > 0 and bar.value() >= bar.maximum()
        # at the editor's last line the preview shows its own end (footnotes included)
        self._preview.scroll_to_line(
            END_OF_DOCUMENT if at_end else self._editor.first_visible_line()
        )

    # -- rendering --------------------------------------------------------------------------

    def pending(self) -> bool:
        """Whether the preview is behind the editor (a render is queued or running)."""
        return self._dirty or self._in_flight

    @Slot()
    def schedule(self) -> None:
        """Render the editor's text as soon as the event loop is idle (coalescing edits)."""
        self._dirty = True
        if not self._in_flight:
            self._kick_render()

    def _kick_render(self) -> None:
        """Start the timer that starts the next render, unless it already runs out sooner."""
        delay = self._delay_ms()
        if not (self._kick.isActive() and self._kick.interval() <= delay):
            self._kick.start(delay)

    def _delay_ms(self) -> int:
        if self._preview.isHidden():
            return HIDDEN_DELAY_MS
        if self._editor.document().characterCount() >= LARGE_DOCUMENT_CHARS:
            return COALESCE_MS
        return 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        shown = watched is self._preview and event.type() == QEvent.Type.Show
        if shown and self._dirty and not self._in_flight:
            self._kick.start(0)
        return super().eventFilter(watched, event)

    @Slot()
    def _start_render(self) -> None:
        if self._in_flight or not self._dirty:
            return
        self._dirty = False
        self._in_flight = True
        self._revision += 1
        text, options, revision = editor_text(self._editor), self._options, self._revision
        renderer = self._renderer
        self._tasks.submit(
            lambda: renderer.render(revision, text, options),
            self._on_render_done,
            self._on_render_error,
            group=RENDER_GROUP,
            owner=self,
        )

    def _on_render_done(self, outcome: RenderOutcome) -> None:
        self._in_flight = False
        if outcome.revision >= self._first_revision_of_document:
            self._preview.set_blocks(outcome.revision, outcome.result.blocks)
            self.sync_preview_to_editor()  # new text may have moved what the editor shows
            self.rendered.emit(outcome)
        if self._dirty:
            self._kick_render()

    def _on_render_error(self, error: BaseException) -> None:
        self._in_flight = False
        if isinstance(error, RenderFailedError):
            self.render_failed.emit(translated(error.message))
        else:
            self.render_failed.emit(
                self.tr("The preview could not be updated: {reason}").format(reason=error)
            )
        if self._dirty:
            self._kick_render()

    # -- scrolling and clicking -------------------------------------------------------------

    @Slot(float)
    def _on_editor_scrolled_to_line(self, _line: float) -> None:
        self.sync_preview_to_editor()

    @Slot(float)
    def _on_preview_scrolled_to_line(self, line: float) -> None:
        if self._sync_scroll:
            self._editor.scroll_to_line(line)

    @Slot(int)
    def _on_preview_line_clicked(self, line: int) -> None:
        self._editor.go_to_line(line, quiet=True)


def bundle_attachments(folder: Path) -> tuple[tuple[str, int], ...]:
    """The files in a page bundle's ``files/`` folder, as (name, size in bytes), by name
    (the blog's ``attachments`` shortcode lists them)."""
    files = folder / "files"
    if not files.is_dir():
        return ()
    try:
        found = [
            (entry.name, entry.stat().st_size)
            for entry in files.iterdir()
            if entry.is_file() and not entry.is_symlink() and not entry.name.startswith(".")
        ]
    except OSError:
        return ()
    return tuple(sorted(found, key=lambda item: item[0].casefold()))
