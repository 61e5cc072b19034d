"""The metadata panel: a form from the built-in site profiles, kept in step with the text."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
)
from pytestqt.qtbot import QtBot

from editor.core.profiles import Profile, builtin_profiles_dir, load_profiles
from editor.ui.metadata_panel import MetadataPanel

BLOG_POST = """\
---
title: "What is SPFx?"
date: 2023-01-02T08:00:00+01:00
author: Vesa Juvonen
githubname: VesaJuvonen
categories:
  - Community post
images:
  - images/promo.png
tags: [SharePoint, Microsoft Teams]
type: regular
summary: A short introduction.
draft: false
---

Body text.
"""

LEARN_ARTICLE = """\
---
title: Working with lists
description: "A walk through SharePoint lists for people who have never made one, with the settings that matter most."
author: someauthor
ms.author: pamgreen
ms.date: 01/31/2025
ms.topic: article
ms.service: microsoft-365
---

# Working with lists
"""  # noqa: E501  (one real-length description line)


@pytest.fixture(scope="module")
def profiles() -> dict[str, Profile]:
    loaded = load_profiles(builtin_profiles_dir())
    return {profile.id: profile for profile in loaded.profiles}


@pytest.fixture
def panel(qtbot: QtBot) -> MetadataPanel:
    widget = MetadataPanel()
    qtbot.addWidget(widget)
    widget.resize(400, 700)
    return widget


@pytest.fixture
def edits(panel: MetadataPanel) -> list[tuple[str, Any]]:
    """Every field_edited the panel emits."""
    seen: list[tuple[str, Any]] = []
    panel.field_edited.connect(lambda key, value: seen.append((key, value)))
    return seen


def line_edit(panel: MetadataPanel, key: str) -> QLineEdit:
    widget = panel.field_widget(key)
    assert isinstance(widget, QLineEdit)
    return widget


def finding_text(panel: MetadataPanel, key: str) -> str:
    label = panel.findChild(QLabel, f"finding_{key}")
    assert label is not None
    return label.text() if label.isVisibleTo(panel) else ""


def problem_texts(panel: MetadataPanel) -> list[str]:
    problems = panel.findChild(QListWidget, "problem_list")
    assert problems is not None
    return [problems.item(i).text() for i in range(problems.count())]


def test_blog_form_shows_values_from_the_front_matter(
    panel: MetadataPanel, profiles: dict[str, Profile]
) -> None:
    panel.set_document(profiles["pnp-blog"], BLOG_POST)

    assert line_edit(panel, "title").text() == "What is SPFx?"
    assert line_edit(panel, "date").text() == "2023-01-02T08:00:00+01:00"
    assert line_edit(panel, "author").text() == "Vesa Juvonen"
    assert line_edit(panel, "tags").text() == "SharePoint, Microsoft Teams"
    combo = panel.field_widget("type")
    assert isinstance(combo, QComboBox)
    assert combo.currentText() == "regular"
    assert not combo.isEditable()
    draft = panel.field_widget("draft")
    assert isinstance(draft, QCheckBox)
    assert not draft.isChecked()
    summary = panel.field_widget("summary")
    assert isinstance(summary, QPlainTextEdit)
    assert summary.toPlainText() == "A short introduction."
    assert "required" in line_edit(panel, "title").accessibleDescription()
    assert panel.accessibleName() == "Metadata"
    assert panel.findChild(QScrollArea) is not None
    assert problem_texts(panel) == []


def test_typing_a_title_emits_one_edit(
    qtbot: QtBot, panel: MetadataPanel, profiles: dict[str, Profile], edits: list[Any]
) -> None:
    panel.set_document(profiles["pnp-blog"], BLOG_POST)
    title = line_edit(panel, "title")
    title.setFocus()
    title.selectAll()

    with qtbot.waitSignal(panel.field_edited) as blocker:
        qtbot.keyClicks(title, "New")
    qtbot.keyClick(title, Qt.Key.Key_Return)  # finishing the edit does not report it again

    assert blocker.args == ["title", "New"]
    assert edits == [("title", "New")]


def test_finishing_an_edit_reports_it_without_waiting(
    qtbot: QtBot, panel: MetadataPanel, profiles: dict[str, Profile], edits: list[Any]
) -> None:
    panel.set_document(profiles["pnp-blog"], BLOG_POST)
    tags = line_edit(panel, "tags")
    tags.setFocus()
    tags.setText("SharePoint, Viva, ")
    qtbot.keyClick(tags, Qt.Key.Key_Return)

    assert edits == [("tags", ["SharePoint", "Viva"])]


def test_choice_and_check_box_report_at_once(
    qtbot: QtBot, panel: MetadataPanel, profiles: dict[str, Profile], edits: list[Any]
) -> None:
    panel.set_document(profiles["pnp-blog"], BLOG_POST)
    draft = panel.field_widget("draft")
    assert isinstance(draft, QCheckBox)
    qtbot.mouseClick(draft, Qt.MouseButton.LeftButton)
    combo = panel.field_widget("type")
    assert isinstance(combo, QComboBox)
    combo.activated.emit(combo.findText("trending"))

    assert edits == [("draft", True), ("type", "trending")]


def test_hand_edited_front_matter_updates_the_form_silently(
    panel: MetadataPanel, profiles: dict[str, Profile], edits: list[Any]
) -> None:
    panel.set_document(profiles["pnp-blog"], BLOG_POST)
    title = line_edit(panel, "title")
    title.setFocus()

    changed = BLOG_POST.replace('"What is SPFx?"', "Typed by hand").replace(
        "draft: false", "draft: true"
    )
    panel.set_document(profiles["pnp-blog"], changed)

    assert title.text() == "Typed by hand"
    assert panel.field_widget("title") is title  # updated in place, not rebuilt
    draft = panel.field_widget("draft")
    assert isinstance(draft, QCheckBox)
    assert draft.isChecked()
    assert edits == []


def test_unknown_keys_are_shown_under_other_fields(
    panel: MetadataPanel, profiles: dict[str, Profile]
) -> None:
    text = BLOG_POST.replace("draft: false", "draft: false\nweight: 3\nseries: [a, b]")
    panel.set_document(profiles["pnp-blog"], text)

    group = panel.findChild(QGroupBox, "other_fields")
    other = panel.findChild(QPlainTextEdit, "other_fields_text")
    assert group is not None and other is not None
    assert group.isVisibleTo(panel)
    assert other.isReadOnly()
    assert other.toPlainText() == "weight: 3\nseries: [a, b]"


def test_without_a_profile_front_matter_is_shown_as_text(panel: MetadataPanel) -> None:
    panel.set_document(None, BLOG_POST)

    notice = panel.findChild(QLabel, "metadata_notice")
    other = panel.findChild(QPlainTextEdit, "other_fields_text")
    assert notice is not None and other is not None
    assert "not matched to a site" in notice.text()
    assert other.toPlainText().startswith("title: What is SPFx?\n")
    assert panel.field_widget("title") is None


def test_malformed_yaml_makes_the_form_read_only_until_it_parses(
    panel: MetadataPanel, profiles: dict[str, Profile], edits: list[Any]
) -> None:
    blog = profiles["pnp-blog"]
    panel.set_document(blog, BLOG_POST)
    broken = BLOG_POST.replace("type: regular", "type: [regular")

    panel.set_document(blog, broken)

    title = line_edit(panel, "title")
    notice = panel.findChild(QLabel, "metadata_notice")
    assert notice is not None
    assert not title.isEnabled()
    assert title.text() == "What is SPFx?"  # the last values stay visible
    assert "Line 11" in notice.text()  # 1-based, the line of "type"
    assert len(problem_texts(panel)) == 1

    panel.set_document(blog, BLOG_POST)
    assert title.isEnabled()
    assert not notice.isVisibleTo(panel)
    assert edits == []


def test_deprecated_topic_offers_its_replacement(
    qtbot: QtBot, panel: MetadataPanel, profiles: dict[str, Profile], edits: list[Any]
) -> None:
    learn = profiles["learn-m365-community"]
    topic = learn.field("ms.topic")
    assert topic is not None
    assert topic.deprecated["article"] == "concept-article"
    panel.set_document(learn, LEARN_ARTICLE)

    assert "no longer used" in finding_text(panel, "ms.topic")
    fix = panel.findChild(QPushButton, "fix_ms.topic")
    assert fix is not None and fix.isVisibleTo(panel)
    assert "concept-article" in fix.text()
    combo = panel.field_widget("ms.topic")
    assert isinstance(combo, QComboBox)
    assert combo.currentText() == "article"  # shown as written

    qtbot.mouseClick(fix, Qt.MouseButton.LeftButton)
    assert edits == [("ms.topic", "concept-article")]


def test_learn_form_has_its_own_fields(panel: MetadataPanel, profiles: dict[str, Profile]) -> None:
    panel.set_document(profiles["learn-m365-community"], LEARN_ARTICLE)

    assert line_edit(panel, "ms.date").text() == "01/31/2025"
    assert line_edit(panel, "ms.service").text() == "microsoft-365"
    assert isinstance(panel.field_widget("description"), QPlainTextEdit)
    assert panel.field_widget("githubname") is None


def test_another_profile_rebuilds_the_form(
    panel: MetadataPanel, profiles: dict[str, Profile]
) -> None:
    panel.set_document(profiles["pnp-blog"], BLOG_POST)
    panel.set_document(profiles["learn-m365-community"], LEARN_ARTICLE)

    assert panel.field_widget("githubname") is None
    assert line_edit(panel, "ms.author").text() == "pamgreen"
    other = panel.findChild(QPlainTextEdit, "other_fields_text")
    assert other is not None and other.toPlainText() == ""


def test_category_spelling_is_flagged_with_a_fix(
    qtbot: QtBot, panel: MetadataPanel, profiles: dict[str, Profile], edits: list[Any]
) -> None:
    text = BLOG_POST.replace("  - Community post", "  - Community Post")
    panel.set_document(profiles["pnp-blog"], text)

    assert "Community post" in finding_text(panel, "categories")
    assert any(entry.startswith("Warning:") for entry in problem_texts(panel))
    fix = panel.findChild(QPushButton, "fix_categories")
    assert fix is not None
    qtbot.mouseClick(fix, Qt.MouseButton.LeftButton)
    assert edits == [("categories", ["Community post"])]


def test_missing_required_field_is_an_error_that_leads_to_its_line(
    qtbot: QtBot, panel: MetadataPanel, profiles: dict[str, Profile]
) -> None:
    text = BLOG_POST.replace("author: Vesa Juvonen", "author: ''")
    panel.set_document(profiles["pnp-blog"], text)

    assert "required" in finding_text(panel, "author")
    header = panel.findChild(QLabel, "problem_header")
    assert header is not None and header.text() == "1 problem"
    problems = panel.findChild(QListWidget, "problem_list")
    assert problems is not None
    assert problems.item(0).text().startswith("Error:")
    with qtbot.waitSignal(panel.problem_activated) as blocker:
        problems.itemActivated.emit(problems.item(0))
    assert blocker.args == [3]  # 0-based line of "author"


def test_tags_complete_from_known_tags(panel: MetadataPanel, profiles: dict[str, Profile]) -> None:
    panel.set_known_tags(["SharePoint", "Power Apps"])
    panel.set_document(profiles["pnp-blog"], BLOG_POST)

    completer = line_edit(panel, "tags").completer()
    assert completer is not None
    assert completer.model().rowCount() == 2
    completer.setCompletionPrefix("SharePoint, po")  # completes the last entry
    assert completer.completionCount() == 1
    # the typed text is "SharePoint, Microsoft Teams": only its last entry is replaced
    assert completer.currentCompletion() == "SharePoint, Power Apps"


def test_typing_survives_an_update_of_another_field(
    qtbot: QtBot, panel: MetadataPanel, profiles: dict[str, Profile], edits: list[Any]
) -> None:
    blog = profiles["pnp-blog"]
    panel.set_document(blog, BLOG_POST)
    title = line_edit(panel, "title")
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Ne")

    panel.set_document(blog, BLOG_POST.replace("draft: false", "draft: true"))
    assert title.text() == "Ne"

    with qtbot.waitSignal(panel.field_edited) as blocker:
        pass
    assert blocker.args == ["title", "Ne"]
    assert edits == [("title", "Ne")]


def test_now_fills_in_a_date_time_with_an_offset(
    qtbot: QtBot, panel: MetadataPanel, profiles: dict[str, Profile], edits: list[Any]
) -> None:
    panel.set_document(profiles["pnp-blog"], BLOG_POST)
    now = panel.findChild(QPushButton, "now_date")
    assert now is not None
    qtbot.mouseClick(now, Qt.MouseButton.LeftButton)

    [(key, value)] = edits
    assert key == "date"
    assert isinstance(value, dt.datetime)
    assert value.tzinfo is not None


def test_long_text_is_reported_after_a_pause(
    qtbot: QtBot, panel: MetadataPanel, profiles: dict[str, Profile]
) -> None:
    panel.set_document(profiles["pnp-blog"], BLOG_POST)
    summary = panel.field_widget("summary")
    assert isinstance(summary, QPlainTextEdit)
    summary.setFocus()
    summary.moveCursor(summary.textCursor().MoveOperation.End)

    with qtbot.waitSignal(panel.field_edited) as blocker:
        summary.insertPlainText("\nSecond line.")
    assert blocker.args == ["summary", "A short introduction.\nSecond line."]


def test_now_writes_a_learn_date_as_month_day_year(
    qtbot: QtBot, panel: MetadataPanel, profiles: dict[str, Profile], edits: list[Any]
) -> None:
    panel.set_document(profiles["learn-m365-community"], LEARN_ARTICLE)
    now = panel.findChild(QPushButton, "now_ms.date")
    assert now is not None
    qtbot.mouseClick(now, Qt.MouseButton.LeftButton)

    [(key, value)] = edits
    assert key == "ms.date"
    assert value == dt.datetime.now().astimezone().strftime("%m/%d/%Y")
