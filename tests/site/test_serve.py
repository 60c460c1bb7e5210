"""The preview serves the site's folder on the loopback address only."""

from __future__ import annotations

import threading
import urllib.request
from pathlib import Path

from integ_cli.site.serve import HOST, preview_server


def test_the_preview_serves_the_folder_on_127_0_0_1(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>Start</p>", encoding="utf-8")
    with preview_server(tmp_path, 0) as server:
        assert server.server_address[0] == HOST == "127.0.0.1"
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            with urllib.request.urlopen(f"http://{HOST}:{server.server_port}/index.html", timeout=5) as response:
                assert response.read() == b"<p>Start</p>"
        finally:
            server.shutdown()
            thread.join(5)
