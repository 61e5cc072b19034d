"""Python-Markdown (MkDocs, Pelican) support for the ``python-markdown`` dialect."""
