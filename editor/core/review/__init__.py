"""Reviewing pull requests and editing published articles: the decisions that need no I/O.

``references`` reads pull-request references and published-article addresses, ``paths``
checks file paths from a pull request the way git does, ``merge3`` merges a reviewer's edits
with changes pushed meanwhile, ``suggestions`` turns edits into GitHub suggestion comments,
and ``feedback`` writes the "report a problem" issue.
"""
