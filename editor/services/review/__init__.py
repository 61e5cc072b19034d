"""Reviewing pull requests and editing published articles: GitHub and the review workspace."""
