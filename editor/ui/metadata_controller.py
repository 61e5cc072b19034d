"""Keeps the metadata form and the front matter in the editor in step, both ways."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from editor.core.front_matter import (
    FrontMatterEditError,
    replace_front_matter,
    set_field,
    split_front_matter,
    top_level_keys,
)
from editor.core.profiles import Profile, ProfileSet, match_profile
from editor.ui.document import editor_text, replace_text_minimally
from editor.ui.editor import MarkdownEditor
from editor.ui.messages import translated
from editor.ui.metadata_fields import ImageSource
from editor.ui.metadata_panel import MetadataPanel
from editor.ui.metadata_pickers import post_images

_NOTHING_SHOWN = object()  # the panel has not been given this document yet


class MetadataController(QObject):
    """Form edits become minimal, undoable text edits; text edits refresh the form."""

    edit_refused = Signal(str)  # why a form edit could not be applied, in plain words
    profile_changed = Signal(str)  # id of the post's site profile now in use ("" for none)

    def __init__(
        self,
        editor: MarkdownEditor,
        panel: MetadataPanel,
        profiles: ProfileSet,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._editor = editor
        self._panel = panel
        self._profiles = profiles
        self._path: Path | None = None
        self._profile: Profile | None = None
        self._shown: object = _NOTHING_SHOWN  # the raw front matter the panel shows
        self._chosen = False  # the user picked the profile: do not match it again
        self._form_held = False  # start-up: the form is filled after the editor is painted
        self._form_stale = False
        panel.field_edited.connect(self._on_panel_field_edited)
        panel.front_matter_edited.connect(self._on_panel_front_matter_edited)
        panel.problem_activated.connect(editor.go_to_line)

    @property
    def profile(self) -> Profile | None:
        """The site profile of the post in the editor, once matched."""
        return self._profile

    def set_document(self, path: Path | None) -> None:
        """A new post is in the editor: match its profile again and show its front matter."""
        self._path, self._profile, self._shown = path, None, _NOTHING_SHOWN
        self._chosen = False
        self.refresh()

    def choose_profile(self, profile_id: str) -> None:
        """The user says which site this post is for (overrides the automatic match)."""
        self._profile = self._profiles.get(profile_id)
        self._chosen = True
        self._shown = _NOTHING_SHOWN
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Show the editor's front matter in the form, when it changed since last time."""
        text = editor_text(self._editor)
        raw = split_front_matter(text).raw
        if raw == self._shown:
            return
        self._shown = raw
        if self._profile is None and not self._chosen:
            # By where the file is, else by the keys its front matter writes (read without
            # parsing the YAML: at start-up the YAML libraries load once the form fills).
            keys = dict.fromkeys(top_level_keys(text))
            self._profile = match_profile(self._path, keys, self._profiles.profiles)
        if self._form_held:
            self._form_stale = True
        else:
            self._fill_form(text)
        self.profile_changed.emit(self._profile.id if self._profile else "")

    def hold_form(self) -> None:
        """Match the post's site as usual, but leave the form as it is until
        :meth:`release_form` (at start-up, so that the editor is painted first: filling the
        form takes about as long as painting the window)."""
        self._form_held = True

    def release_form(self) -> None:
        """Fill the form for the text now in the editor, if it changed while held."""
        self._form_held = False
        if self._form_stale:
            self._form_stale = False
            self._fill_form(editor_text(self._editor))

    def _fill_form(self, text: str) -> None:
        self._panel.set_image_source(self._image_source())
        self._panel.set_document(self._profile, text)

    def _image_source(self) -> ImageSource | None:
        """The pictures in the open post's image folder, as the profile lays it out."""
        if self._path is None:
            return None
        profile = self._profile
        name = profile.post_name(self._path) if profile is not None else None
        link = profile.image_link(name) if profile is not None and name is not None else ""
        folder = self._path.parent / link if link else self._path.parent
        return partial(post_images, folder, link)

    @Slot(str)
    def _on_panel_front_matter_edited(self, raw: str) -> None:
        """The author typed the front matter as YAML: write it between the fences."""
        try:
            new_text = replace_front_matter(editor_text(self._editor), raw)
        except FrontMatterEditError as error:
            self.edit_refused.emit(translated(error.message))
            return
        replace_text_minimally(self._editor, new_text)

    @Slot(str, object)
    def _on_panel_field_edited(self, key: str, value: object) -> None:
        """Rewrite only that key's lines, as one undoable edit."""
        try:
            new_text = set_field(editor_text(self._editor), key, value)
        except FrontMatterEditError as error:
            self.edit_refused.emit(
                self.tr("“{key}” could not be changed. {reason}").format(
                    key=key, reason=translated(error.message)
                )
            )
            return
        except TypeError:
            self.edit_refused.emit(
                self.tr(
                    "“{key}” could not be changed: that kind of value is not supported."
                ).format(key=key)
            )
            return
        replace_text_minimally(self._editor, new_text)
