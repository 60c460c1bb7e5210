"""A preview of a built site on this computer only: the standard library's file server,
bound to the loopback address so nobody else on the network reaches it."""

from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

#: The only address the preview listens on.
HOST = "127.0.0.1"


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves the site's folder and keeps its request log off the terminal."""

    def log_message(self, *_args: Any) -> None:
        return None


def preview_server(folder: Path, port: int) -> ThreadingHTTPServer:
    """A server for ``folder`` on ``HOST``:``port`` (0: any free port), not yet serving;
    the caller runs ``serve_forever`` and closes it."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    return ThreadingHTTPServer((HOST, port), handler)
