"""The Markdown source editor, its syntax highlighter and its find/replace bar."""

from editor.ui.editor.find_bar import FindReplaceBar
from editor.ui.editor.highlighter import MarkdownHighlighter
from editor.ui.editor.markdown_editor import MarkdownEditor

__all__ = ["FindReplaceBar", "MarkdownEditor", "MarkdownHighlighter"]
