"""The web chat page's server (channels/web_page.py), in-process with aiohttp's test client."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient, TestServer

from channels.web_page import (
    BundleMissing,
    build_app,
    clean_bundle,
    content_security_policy,
    crisis_note,
    load_bundle,
)
from coach.settings import WebSettings

FONT = "@import url(https://fonts.googleapis.com/css?family=Inter:400,500,700&display=swap);"
CONFIG = WebSettings(
    host="127.0.0.1",
    port=8999,
    socket_url="http://127.0.0.1:5999",
    cors_origins=("http://127.0.0.1:8999",),
)


def test_the_real_bundle_has_no_google_fonts():
    """`make install` (npm ci in web/) installed rasa-webchat 1.0.1; its fonts are gone."""
    bundle = load_bundle().decode()
    assert "fonts.googleapis" not in bundle
    assert "rw-launcher" in bundle  # it is still the widget


def test_clean_bundle_removes_remote_imports_only():
    css = f'push([e.i,"{FONT}",""]),push([e.i,"@import url(/local.css);",""])'
    cleaned = clean_bundle(css)
    assert "googleapis" not in cleaned and "/local.css" in cleaned
    assert clean_bundle("@import url('//evil.example/x.css');") == ""


def test_missing_bundle_says_what_to_run(tmp_path):
    with pytest.raises(BundleMissing, match="make install"):
        load_bundle(tmp_path)


def test_csp_is_strict_and_names_the_socket():
    csp = content_security_policy("https://coach.example.org")
    assert "default-src 'none'" in csp
    assert "script-src 'self';" in csp and "unsafe-eval" not in csp
    assert "connect-src 'self' https://coach.example.org wss://coach.example.org" in csp
    assert "frame-ancestors 'none'" in csp
    with pytest.raises(ValueError):
        content_security_policy("javascript:alert(1)")


def test_csp_lets_exactly_the_chart_origin_serve_images():
    """Charts come from the Rasa server (COACH_PUBLIC_URL), not from the page's server."""
    csp = content_security_policy("http://127.0.0.1:5999", "http://127.0.0.1:5005/")
    assert "img-src 'self' data: http://127.0.0.1:5005;" in csp
    # Without a chart URL, the socket's server is the coach's server.
    assert "img-src 'self' data: https://coach.example.org;" in content_security_policy(
        "https://coach.example.org"
    )
    with pytest.raises(ValueError, match="COACH_PUBLIC_URL"):
        content_security_policy("https://coach.example.org", "ftp://x")


def test_page_csp_names_the_configured_chart_origin(monkeypatch):
    from coach.settings import web_settings

    monkeypatch.setenv("COACH_PUBLIC_URL", "https://charts.example.org/")
    assert web_settings().image_url == "https://charts.example.org"


def test_crisis_note_follows_the_country():
    assert "911" in crisis_note("us") and "988" in crisis_note("us")
    assert "116 123" in crisis_note("uk")


async def test_page_bundle_and_static_files():
    client = TestClient(TestServer(build_app(CONFIG, country="us")))
    await client.start_server()
    try:
        page = await client.get("/")
        assert page.status == 200
        body = await page.text()
        assert '"socketUrl": "http://127.0.0.1:5999"' in body
        assert "not a therapist" in body and "988" in body
        assert "{{" not in body
        assert "connect-src 'self' http://127.0.0.1:5999" in page.headers["Content-Security-Policy"]
        assert page.headers["X-Content-Type-Options"] == "nosniff"
        assert page.headers["Referrer-Policy"] == "no-referrer"

        bundle = await client.get("/static/webchat.js")
        assert bundle.status == 200
        assert bundle.content_type == "text/javascript"
        assert "fonts.googleapis" not in await bundle.text()

        for name, kind in [("app.css", "text/css"), ("app.js", "text/javascript")]:
            resp = await client.get(f"/static/{name}")
            assert resp.status == 200 and resp.content_type == kind

        for bad in ["/static/../coach/settings.py", "/static/%2e%2e%2fMakefile", "/static/x.py"]:
            resp = await client.get(bad)
            assert resp.status == 404, bad
            assert "Content-Security-Policy" in resp.headers
    finally:
        await client.close()


def test_socket_url_is_escaped_in_the_page():
    odd = WebSettings("127.0.0.1", 1, "http://h:1/</script><script>x()", ("http://h",))
    app = build_app(odd, country="us")
    from channels.web_page import PAGE_KEY

    page = app[PAGE_KEY].decode()
    assert "</script><script>x()" not in page
    assert "\\u003c/script>" in page
