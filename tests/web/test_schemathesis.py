"""Property-based API tests: schemathesis, against the app's own OpenAPI document.

Bounded: at most 60 generated requests per operation (positive and negative data), so
the whole file runs in well under a minute. It looks for server errors (5xx), status
codes and content types the document does not declare, and bodies that do not match
the declared schemas (the report's JSON Schema for 200, the error shape otherwise).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import require
from tests.web._fake_archive import FakeArchive

try:
    import schemathesis
    from hypothesis import HealthCheck, settings
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    from uncut.web import OPENAPI_URL, create_app
except ImportError:  # pragma: no cover - reported by the test below
    schemathesis = None

MAX_EXAMPLES = 60

if schemathesis is not None:
    _ARCHIVE = FakeArchive({
        "remarks": ("If you cross this border unlawfully, then we will prosecute you.\n",
                    "2018-05-07", "Remarks"),
    })
    _SCHEMAS = {
        "no archive": schemathesis.openapi.from_asgi(OPENAPI_URL, create_app()),
        "archive": schemathesis.openapi.from_asgi(
            OPENAPI_URL, create_app(archive=lambda: _ARCHIVE)),
    }
    _CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
               response_schema_conformance]
    _SETTINGS = settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
                         suppress_health_check=list(HealthCheck))

    @_SCHEMAS["no archive"].parametrize()
    @_SETTINGS
    def test_api_without_archive(case: Any) -> None:
        case.call_and_validate(checks=_CHECKS)

    @_SCHEMAS["archive"].parametrize()
    @_SETTINGS
    def test_api_with_archive(case: Any) -> None:
        case.call_and_validate(checks=_CHECKS)
else:
    def test_schemathesis_installed() -> None:
        require(False, "schemathesis is not installed (pip install -e '.[dev]')")
        pytest.fail("unreachable")
