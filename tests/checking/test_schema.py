"""The schemas: valid Draft 2020-12, documented, shipped with the package."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from integ_cli.checking.schema import PACKAGED, SchemaError, schema_file, validator
from integ_cli.files.repository import KINDS
from tests.conftest import PROJECT

SCHEMAS = sorted((PROJECT / "schemas").glob("*.schema.json"))


def test_one_schema_per_kind() -> None:
    assert sorted(p.name for p in SCHEMAS) == sorted(f"{kind}.schema.json" for kind in KINDS)


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_passes_the_metaschema(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def _properties(node: Any, where: str = "") -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            found.append((f"{where}.{name}", sub))
        for key, sub in node.items():
            found += _properties(sub, f"{where}.{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            found += _properties(sub, f"{where}[{i}]")
    return found


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_property_is_described_and_closed(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    undocumented = [where for where, sub in _properties(schema) if "description" not in sub]
    assert undocumented == []
    assert _open_objects(schema) == []
    assert "schema_version" in schema["required"]


def _open_objects(node: Any, where: str = "$") -> list[str]:
    """Places where an object schema allows keys it does not name."""
    found: list[str] = []
    if isinstance(node, dict):
        if node.get("type") == "object" and node.get("additionalProperties") is not False:
            found.append(where)
        for key, sub in node.items():
            found += _open_objects(sub, f"{where}.{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            found += _open_objects(sub, f"{where}[{i}]")
    return found


def test_packaged_schemas_equal_the_repository_ones() -> None:
    for path in SCHEMAS:
        assert (PACKAGED / path.name).read_bytes() == path.read_bytes()


def test_repository_without_schemas_uses_packaged(tmp_path: Path) -> None:
    assert schema_file(tmp_path, "measure") == PACKAGED / "measure.schema.json"
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "measure.schema.json").write_text("{}", encoding="utf-8")
    assert schema_file(tmp_path, "measure") == tmp_path / "schemas" / "measure.schema.json"


def test_invalid_schema_is_a_schema_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.schema.json"
    broken.write_text('{"type": 12}', encoding="utf-8")
    with pytest.raises(SchemaError):
        validator(broken)


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records the paths asked for."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'{"type": "string"}')

        def log_message(self, *_args: object) -> None:
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", asked
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_ref_to_a_url_is_not_fetched(tmp_path: Path, server: tuple[str, list[str]]) -> None:
    url, asked = server
    schema = tmp_path / "measure.schema.json"
    schema.write_text(json.dumps({"properties": {"title": {"$ref": f"{url}/x.json"}}}), encoding="utf-8")
    with pytest.raises(SchemaError, match="self-contained"):
        validator(schema)
    assert asked == []


def test_a_ref_to_a_local_file_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.json"
    secret.write_text('{"type": "string"}', encoding="utf-8")
    schema = tmp_path / "measure.schema.json"
    schema.write_text(json.dumps({"properties": {"title": {"$ref": secret.as_uri()}}}), encoding="utf-8")
    with pytest.raises(SchemaError, match=r"secret\.json is not followed"):
        validator(schema)
