"""Microsoft Learn's Markdown extensions (DocFX/Markdig) as markdown-it plugins.

Used by the ``markdig`` dialect (:mod:`editor.core.render.dialects.markdig`); decision 0012
says how each extension is emulated. Files the page pulls in (includes, code samples) are read
through the ``SourceFiles`` given in ``RenderOptions``; core never touches the disk.
"""
