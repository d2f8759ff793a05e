"""The web chat page: a small static server for ``web/`` (``make run`` starts it).

``GET /`` renders ``web/index.html`` with the widget's settings (the Rasa server's socket
URL) and the configured country's emergency and crisis numbers. ``/static/`` serves the
page's own CSS and JavaScript, and ``/static/webchat.js`` the ``rasa-webchat`` bundle
from ``web/node_modules`` (installed by ``make install``, never from a CDN) with its
Google Fonts ``@import`` removed, so the page makes no request to any other host.

Every response carries a strict Content-Security-Policy: scripts only from this server,
connections only to this server and the socket URL, images only from this server and the
origin the coach's charts come from (``COACH_PUBLIC_URL``), no frames, no plugins, no forms.
Styles allow ``'unsafe-inline'`` because the prebuilt widget injects its CSS as
``<style>`` elements (it has no nonce support); scripts never do.

Run with ``python -m channels.web_page`` (``WEB_HOST``, ``WEB_PORT``, ``COACH_SOCKET_URL``).
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web

from coach.safety.resources import default_resources, format_emergency, format_line
from coach.settings import PROJECT_ROOT, WebSettings, get_settings, web_settings

logger = logging.getLogger(__name__)

WEB_DIR = PROJECT_ROOT / "web"
BUNDLE = Path("node_modules") / "rasa-webchat" / "lib" / "index.js"
STATIC_TYPES = {
    ".css": "text/css",
    ".js": "text/javascript",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
}
# A CSS @import of anything not on this server (the bundle imports Google Fonts).
REMOTE_IMPORT = re.compile(r"@import\s+url\(\s*['\"]?(?:https?:)?//[^)]*\)\s*;?", re.IGNORECASE)
CONFIG_KEY = web.AppKey("config", WebSettings)
BUNDLE_KEY = web.AppKey("bundle", bytes)
PAGE_KEY = web.AppKey("page", bytes)


class BundleMissing(RuntimeError):
    """``web/node_modules`` has no rasa-webchat bundle: ``make install`` was not run."""


def clean_bundle(source: str) -> str:
    """The widget bundle without CSS imports from other hosts (Google Fonts)."""
    cleaned = REMOTE_IMPORT.sub("", source)
    if "fonts.googleapis" in cleaned or "fonts.gstatic" in cleaned:
        raise ValueError("the widget bundle still refers to Google Fonts after cleaning")
    return cleaned


def load_bundle(web_dir: Path = WEB_DIR) -> bytes:
    """Read and clean ``rasa-webchat``'s prebuilt bundle."""
    path = web_dir / BUNDLE
    if not path.exists():
        raise BundleMissing(f"{path} is missing: run `make install` (npm ci in web/)")
    return clean_bundle(path.read_text(encoding="utf-8")).encode("utf-8")


def socket_origins(socket_url: str) -> str:
    """The http(s) and ws(s) origins of the socket URL, for ``connect-src``."""
    parts = urlsplit(socket_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"COACH_SOCKET_URL must be an http(s) URL, got {socket_url!r}")
    ws = "wss" if parts.scheme == "https" else "ws"
    return f"{parts.scheme}://{parts.netloc} {ws}://{parts.netloc}"


def image_origin(image_url: str) -> str:
    """The origin of the coach's image URLs (``COACH_PUBLIC_URL``), for ``img-src``."""
    parts = urlsplit(image_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"COACH_PUBLIC_URL must be an http(s) URL, got {image_url!r}")
    return f"{parts.scheme}://{parts.netloc}"


def content_security_policy(socket_url: str, image_url: str = "") -> str:
    """The page's Content-Security-Policy.

    Images may come from this server, ``data:`` URLs, and exactly the origin the coach's
    charts are served from (the Rasa server, ``COACH_PUBLIC_URL``; the socket URL when
    none is given).
    """
    images = image_origin(image_url or socket_url)
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            f"img-src 'self' data: {images}",
            "font-src 'self' data:",  # the widget's carousel icon font is inlined
            f"connect-src 'self' {socket_origins(socket_url)}",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )


def crisis_note(country: str) -> str:
    """The configured country's emergency number and first crisis line, as one sentence.

    For the US: "call 911 in an emergency, or call or text 988 (988 Suicide & Crisis
    Lifeline)".
    """
    resources = default_resources().for_country(country)
    note = f"{format_emergency(resources)} in an emergency"
    if resources.crisis:
        note += f", or {format_line(resources.crisis[0])}"
    return note


def render_page(template: str, config: WebSettings, country: str) -> str:
    """Fill ``index.html``: the widget's settings as JSON, and the crisis note."""
    settings = {"socketUrl": config.socket_url, "socketPath": "/socket.io/"}
    # JSON in a <script type="application/json"> block: escape "<" so that no value can
    # close the block; the CSP never runs it (it is data, read by app.js).
    as_json = json.dumps(settings).replace("<", "\\u003c")
    return template.replace("{{config}}", as_json).replace(
        "{{crisis}}", html.escape(crisis_note(country))
    )


@web.middleware
async def security_headers(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Add the CSP and the usual hardening headers to every response."""
    try:
        resp = await handler(request)
    except web.HTTPException as exc:
        resp = exc
    config = request.app[CONFIG_KEY]
    resp.headers["Content-Security-Policy"] = content_security_policy(
        config.socket_url, config.image_url
    )
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Referrer-Policy"] = "no-referrer"
    resp.headers["X-Frame-Options"] = "DENY"
    resp.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    resp.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    return resp


async def index(request: web.Request) -> web.Response:
    """The chat page."""
    return web.Response(
        body=request.app[PAGE_KEY],
        content_type="text/html",
        charset="utf-8",
        headers={"Cache-Control": "no-store"},
    )


async def widget_bundle(request: web.Request) -> web.Response:
    """The cleaned rasa-webchat bundle."""
    return web.Response(
        body=request.app[BUNDLE_KEY],
        content_type="text/javascript",
        charset="utf-8",
        headers={"Cache-Control": "no-cache"},
    )


async def static_file(request: web.Request) -> web.Response:
    """A file from ``web/static`` (no sub-folders, known types only)."""
    name = request.match_info["name"]
    path = WEB_DIR / "static" / name
    suffix = Path(name).suffix
    if "/" in name or name.startswith(".") or suffix not in STATIC_TYPES or not path.is_file():
        raise web.HTTPNotFound(text="Not found.")
    return web.Response(
        body=path.read_bytes(),
        content_type=STATIC_TYPES[suffix],
        headers={"Cache-Control": "no-cache"},
    )


def build_app(
    config: WebSettings | None = None, web_dir: Path = WEB_DIR, country: str | None = None
) -> web.Application:
    """The web application (raises :class:`BundleMissing` without ``make install``)."""
    config = config or web_settings()
    content_security_policy(config.socket_url, config.image_url)  # fail early on bad URLs
    app = web.Application(middlewares=[security_headers])
    app[CONFIG_KEY] = config
    app[BUNDLE_KEY] = load_bundle(web_dir)
    template = (web_dir / "index.html").read_text(encoding="utf-8")
    app[PAGE_KEY] = render_page(template, config, country or get_settings().country).encode()
    app.router.add_get("/", index)
    app.router.add_get("/static/webchat.js", widget_bundle)
    app.router.add_get("/static/{name}", static_file)
    return app


def main() -> None:
    """Serve the page on ``WEB_HOST:WEB_PORT``."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    config = web_settings()
    try:
        app = build_app(config)
    except BundleMissing as exc:
        raise SystemExit(str(exc)) from exc
    print(f"web chat on http://{config.host}:{config.port}/ (coach at {config.socket_url})")
    web.run_app(app, host=config.host, port=config.port, print=None, access_log=None)


if __name__ == "__main__":
    main()
