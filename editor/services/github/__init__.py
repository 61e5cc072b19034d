"""Talking to GitHub (or GitHub Enterprise Server) with PyGithub, off the GUI thread.

``auth`` (signing in: device flow, pasted tokens, the account), ``client`` (the PyGithub client
for a token and API address), ``errors`` (failures in plain words), ``retry`` (safe retries,
rate-limit waits, cancellation), ``publisher`` (fork, branch, one commit, pull request),
``local_files`` (the post and its pictures read from disk into a publish request), ``status``
(a pull request's state, checks and review comments), ``state_store`` (each post's publish
state, in the app's data folder).
"""
