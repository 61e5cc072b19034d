"""The preview's own browser profile: in memory only, our scheme, our request filter."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWebEngineCore import QWebEngineProfile

from editor.ui.preview.handler import PreviewSchemeHandler
from editor.ui.preview.interceptor import PreviewRequestInterceptor
from editor.ui.preview.page import harden_settings
from editor.ui.preview.scheme import SCHEME


def create_preview_profile(
    handler: PreviewSchemeHandler,
    interceptor: PreviewRequestInterceptor,
    parent: QObject | None = None,
) -> QWebEngineProfile:
    """An off-the-record profile that serves our scheme and filters every request.

    Nothing is written to disk (no cookies, cache or permissions), spell checking and push
    are off, and the hardened settings are the profile's defaults for every page in it.
    """
    profile = QWebEngineProfile(parent)  # no storage name: off the record
    profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
    profile.setPersistentCookiesPolicy(
        QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies
    )
    profile.setPersistentPermissionsPolicy(
        QWebEngineProfile.PersistentPermissionsPolicy.AskEveryTime
    )
    profile.setSpellCheckEnabled(False)
    profile.setPushServiceEnabled(False)
    harden_settings(profile.settings())
    handler.setParent(profile)
    interceptor.setParent(profile)
    profile.installUrlSchemeHandler(SCHEME.encode(), handler)
    profile.setUrlRequestInterceptor(interceptor)
    return profile
