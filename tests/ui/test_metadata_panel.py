"""The metadata panel: a form from the built-in site profiles, kept in step with the text."""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QPoint, QPointF, Qt, QTime
from PySide6.QtGui import QColor, QImage, QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from editor.core.i18n import message
from editor.core.profiles import Profile, builtin_profiles_dir, load_profiles
from editor.core.profiles.validation import Finding, FixSuggestion
from editor.ui.metadata_panel import FieldRow, MetadataPanel
from editor.ui.metadata_pickers import DateTimeDialog, ImagePickerDialog, post_images

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


def test_tags_complete_from_the_library_and_the_profile(
    panel: MetadataPanel, profiles: dict[str, Profile]
) -> None:
    panel.set_known_tags(["SharePoint", "Viva Engage"])
    panel.set_document(profiles["pnp-blog"], BLOG_POST)

    completer = line_edit(panel, "tags").completer()
    assert completer is not None
    offered = completer.model().stringList()
    assert "Viva Engage" in offered  # used in one of the author's posts
    assert "Copilot Studio" in offered  # suggested by the site's profile
    assert offered.count("SharePoint") == 1
    completer.setCompletionPrefix("SharePoint, viv")  # completes the last entry
    assert completer.completionCount() == 1
    # the typed text is "SharePoint, viv": only its last entry is replaced
    assert completer.currentCompletion() == "SharePoint, Viva Engage"


def test_text_fields_complete_from_the_profile(
    panel: MetadataPanel, profiles: dict[str, Profile]
) -> None:
    panel.set_document(profiles["learn-m365-community"], LEARN_ARTICLE)
    completer = line_edit(panel, "ms.collection").completer()
    assert completer is not None
    completer.setCompletionPrefix("sp")
    assert completer.currentCompletion() == "SPCommunity"
    categories = line_edit(panel, "title").completer()
    assert categories is None  # nothing to suggest for a title


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


def test_the_calendar_sets_a_date_time_with_the_chosen_offset(
    qtbot: QtBot, panel: MetadataPanel, profiles: dict[str, Profile], edits: list[Any]
) -> None:
    panel.set_document(profiles["pnp-blog"], BLOG_POST)
    pick = panel.findChild(QPushButton, "pick_date")
    assert pick is not None
    qtbot.mouseClick(pick, Qt.MouseButton.LeftButton)
    dialog = panel.findChild(DateTimeDialog)
    assert dialog is not None and dialog.isVisible()
    # it opens on the field's value, in the value's own offset
    assert dialog.calendar.selectedDate() == QDate(2023, 1, 2)
    assert dialog.time_edit.time() == QTime(8, 0)
    assert dialog.offset_box.currentText() == "UTC+01:00"
    dialog.calendar.setSelectedDate(QDate(2024, 2, 29))
    dialog.time_edit.setTime(QTime(17, 45))
    dialog.offset_box.setCurrentIndex(dialog.offset_box.findText("UTC+05:30"))
    dialog.accept()

    [(key, value)] = edits
    assert key == "date"
    assert value == dt.datetime(2024, 2, 29, 17, 45, tzinfo=dt.timezone(dt.timedelta(hours=5.5)))
    assert line_edit(panel, "date").text() == "2024-02-29T17:45:00+05:30"


def test_the_calendar_writes_a_learn_date_and_cancel_changes_nothing(
    qtbot: QtBot, panel: MetadataPanel, profiles: dict[str, Profile], edits: list[Any]
) -> None:
    panel.set_document(profiles["learn-m365-community"], LEARN_ARTICLE)
    pick = panel.findChild(QPushButton, "pick_ms.date")
    assert pick is not None
    qtbot.mouseClick(pick, Qt.MouseButton.LeftButton)
    dialog = panel.findChild(DateTimeDialog)
    assert dialog.calendar.selectedDate() == QDate(2025, 1, 31)
    assert not dialog.time_edit.isVisibleTo(dialog)  # a date has no time or offset
    dialog.reject()
    assert edits == []

    qtbot.mouseClick(pick, Qt.MouseButton.LeftButton)
    dialog = next(d for d in panel.findChildren(DateTimeDialog) if d.isVisible())
    dialog.calendar.setSelectedDate(QDate(2025, 3, 4))
    dialog.accept()
    assert edits == [("ms.date", "03/04/2025")]


def _picture(path: Path, colour: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = QImage(140, 66, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path))


def test_the_thumbnail_is_chosen_from_the_posts_pictures(
    qtbot: QtBot, panel: MetadataPanel, profiles: dict[str, Profile], edits: list[Any], tmp_path
) -> None:
    folder = tmp_path / "images"
    _picture(folder / "promo.png", "red")
    _picture(folder / "card.jpg", "blue")
    (folder / "notes.txt").write_text("not a picture", encoding="utf-8")
    panel.set_image_source(partial(post_images, folder, "images/"))
    panel.set_document(profiles["pnp-blog"], BLOG_POST)
    choose = panel.findChild(QPushButton, "choose_images")
    assert choose is not None and choose.isEnabled()
    qtbot.mouseClick(choose, Qt.MouseButton.LeftButton)
    dialog = panel.findChild(ImagePickerDialog)
    assert dialog is not None
    names = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert names == ["card.jpg", "promo.png"]
    assert dialog.chosen_link() == "images/promo.png"  # the current thumbnail is selected
    assert not dialog.list.item(0).icon().isNull()  # shown as a thumbnail
    dialog.list.setCurrentRow(0)
    dialog.accept()
    # the chosen picture becomes the first entry (the card); the others stay after it
    assert edits == [("images", ["images/card.jpg", "images/promo.png"])]


def test_without_a_post_folder_there_is_nothing_to_choose(
    panel: MetadataPanel, profiles: dict[str, Profile]
) -> None:
    panel.set_image_source(None)
    panel.set_document(profiles["pnp-blog"], BLOG_POST)
    choose = panel.findChild(QPushButton, "choose_images")
    assert choose is not None and not choose.isEnabled()


def test_each_different_fix_gets_its_own_button(
    qtbot: QtBot, panel: MetadataPanel, profiles: dict[str, Profile], edits: list[Any]
) -> None:
    panel.set_document(profiles["pnp-blog"], BLOG_POST)
    row = panel.findChild(FieldRow, None)
    assert row is not None
    findings = [
        Finding(
            "warning",
            row.spec.key,
            message("t", "Too long"),
            1,
            FixSuggestion(row.spec.key, "Short", message("t", "Trim it")),
        ),
        Finding(
            "warning",
            row.spec.key,
            message("t", "Old style"),
            1,
            FixSuggestion(row.spec.key, "New", message("t", "Use the new style")),
        ),
    ]
    row.show_findings(findings)
    visible = [b for b in row.fix_buttons if b.isVisibleTo(row)]
    assert [b.text() for b in visible] == ["Trim it", "Use the new style"]
    qtbot.mouseClick(visible[1], Qt.MouseButton.LeftButton)
    assert edits == [(row.spec.key, "New")]
    row.show_findings(findings[:1])
    assert [b.text() for b in row.fix_buttons if b.isVisibleTo(row)] == ["Trim it"]


def test_the_front_matter_can_be_edited_as_yaml(
    qtbot: QtBot, panel: MetadataPanel, profiles: dict[str, Profile]
) -> None:
    panel.set_document(profiles["pnp-blog"], BLOG_POST)
    toggle = panel.findChild(QPushButton, "yaml_toggle")
    assert toggle is not None
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    view = panel.yaml_view
    assert panel.pages.currentWidget() is view
    assert view.toPlainText().startswith('title: "What is SPFx?"\ndate: 2023-01-02')
    view.moveCursor(view.textCursor().MoveOperation.End)
    with qtbot.waitSignal(panel.front_matter_edited) as blocker:
        view.insertPlainText("slug: spfx\n")
    assert blocker.args[0].endswith("draft: false\nslug: spfx\n")
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert panel.pages.currentIndex() == 0  # back to the form


def _wheel_down(widget: QWidget) -> None:
    """One step of the mouse wheel, downwards, over the middle of ``widget``."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(widget.rect().center())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_the_form_instead_of_changing_a_choice(
    qtbot: QtBot, panel: MetadataPanel, profiles: dict[str, Profile], edits: list[Any]
) -> None:
    panel.resize(400, 300)  # short enough for the form to scroll
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_document(profiles["pnp-blog"], BLOG_POST)
    combo = panel.field_widget("type")
    assert isinstance(combo, QComboBox)
    scroll = panel.findChild(QScrollArea, "metadata_scroll")
    assert scroll is not None
    bar = scroll.verticalScrollBar()
    before = bar.value()

    _wheel_down(combo)

    assert combo.currentText() == "regular"
    assert edits == []
    assert bar.value() > before  # the wheel went to the form
    panel.activateWindow()
    qtbot.waitActive(panel)
    combo.setFocus()  # a box the user is on still takes the wheel
    qtbot.waitUntil(combo.hasFocus)
    _wheel_down(combo)
    assert edits == [("type", combo.currentText())]
    assert combo.currentText() != "regular"


def test_choosing_a_card_picture_drops_a_placeholder_that_does_not_exist(
    qtbot: QtBot, panel: MetadataPanel, profiles: dict[str, Profile], edits: list[Any], tmp_path
) -> None:
    folder = tmp_path / "images"
    _picture(folder / "card.jpg", "blue")
    _picture(folder / "promo.png", "red")
    panel.set_image_source(partial(post_images, folder, "images/"))
    text = BLOG_POST.replace(
        "  - images/promo.png\n",
        "  - images/thumbnail.png\n  - ./images/promo.png\n  - https://example.com/a.png\n",
    )
    panel.set_document(profiles["pnp-blog"], text)
    choose = panel.findChild(QPushButton, "choose_images")
    assert choose is not None
    qtbot.mouseClick(choose, Qt.MouseButton.LeftButton)
    dialog = panel.findChild(ImagePickerDialog)
    assert dialog is not None
    dialog.list.setCurrentRow(0)  # card.jpg
    dialog.accept()

    # the template's images/thumbnail.png is not in the post's folder: it goes
    assert edits == [
        ("images", ["images/card.jpg", "./images/promo.png", "https://example.com/a.png"])
    ]


def test_the_problem_list_stays_compact_and_the_form_keeps_the_room(
    qtbot: QtBot, panel: MetadataPanel, profiles: dict[str, Profile]
) -> None:
    panel.show()
    qtbot.waitExposed(panel)
    problems = panel.findChild(QListWidget, "problem_list")
    scroll = panel.findChild(QScrollArea, "metadata_scroll")
    assert problems is not None and scroll is not None
    one = BLOG_POST.replace("author: Vesa Juvonen\n", "")
    panel.set_document(profiles["pnp-blog"], one)
    assert problems.count() == 1
    row = problems.visualItemRect(problems.item(0)).height()
    assert problems.height() < 2 * row + 2 * problems.frameWidth() + 4  # one row's worth

    many = "---\ntitle: x\n---\nBody\n"
    panel.set_document(profiles["pnp-blog"], many)
    assert problems.count() > 3
    assert problems.height() < 4 * row + 2 * problems.frameWidth() + 4  # the rest scroll
    qtbot.waitUntil(lambda: problems.verticalScrollBar().maximum() > 0)  # laid out lazily
    assert scroll.height() > panel.height() * 2 // 3  # the form keeps most of the panel


def test_long_lines_wrap_in_the_yaml_view(
    qtbot: QtBot, panel: MetadataPanel, profiles: dict[str, Profile]
) -> None:
    panel.resize(300, 500)
    panel.show()
    qtbot.waitExposed(panel)
    long_summary = "A summary that goes on and on, " * 6
    panel.set_document(
        profiles["pnp-blog"], BLOG_POST.replace("A short introduction.", long_summary.strip())
    )
    panel.show_yaml(True)
    view = panel.yaml_view
    block = view.document().findBlockByNumber(10)
    assert block.text().startswith("summary: ")
    assert block.layout().lineCount() > 1  # shown on several lines
    assert view.horizontalScrollBar().maximum() == 0  # no sideways scrolling


def test_spaces_before_the_opening_fence_are_one_problem_not_six_required(
    panel: MetadataPanel, profiles: dict[str, Profile]
) -> None:
    panel.set_document(profiles["pnp-blog"], " " + BLOG_POST)

    texts = problem_texts(panel)
    assert len(texts) == 1
    assert "at the very start of the first line" in texts[0]
    assert not any("required" in text for text in texts)
    assert finding_text(panel, "title") == ""
    assert not panel.form.isEnabled()  # nothing typed can land in the wrong place
    panel.set_document(profiles["pnp-blog"], BLOG_POST)  # the spaces removed: all is well
    assert problem_texts(panel) == []
    assert panel.form.isEnabled()
