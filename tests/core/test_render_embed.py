"""Exported pages carry their local pictures inside them."""

from __future__ import annotations

import base64

from editor.core.render import render_document
from editor.core.render.embed import embed_images_in_html, embed_local_images, local_image_path

PNG = b"\x89PNG\r\n\x1a\nfake"


def test_local_images_become_data_urls_and_remote_ones_stay() -> None:
    files = {"images/a b.png": PNG}
    html = '<p><img src="images/a%20b.png" alt="x"><img src="https://e.com/r.png"></p>'
    out = embed_images_in_html(html, files.get)
    assert f'src="data:image/png;base64,{base64.b64encode(PNG).decode()}"' in out
    assert 'src="https://e.com/r.png"' in out


def test_unreadable_or_unknown_images_keep_their_link() -> None:
    html = '<img src="missing.png"><img src="notes.txt"><img src="data:image/gif;base64,AA">'
    assert embed_images_in_html(html, lambda _path: None) == html
    assert local_image_path("notes.txt") is None
    assert local_image_path("data:image/gif;base64,AA") is None


def test_a_rendered_post_embeds_its_figure() -> None:
    result = render_document('![Banner](images/b.png "Caption")\n')
    embedded = embed_local_images(result, {"images/b.png": PNG}.get)
    assert "data:image/png;base64," in embedded.html
    assert "<figcaption>" in embedded.html
