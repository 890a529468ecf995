"""A deployment that is safe by default: localhost only, and the proxy guide says the rest."""

from __future__ import annotations

import tomllib
from pathlib import Path

from planner.ingest.limits import Limits

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
GUIDE = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")


def test_the_app_listens_on_localhost_and_keeps_cross_site_protection() -> None:
    server = CONFIG["server"]
    assert server["address"] == "localhost"
    assert server["enableXsrfProtection"] is True and server["enableCORS"] is True
    assert CONFIG["client"]["showErrorDetails"] == "none"


def test_the_upload_size_fits_within_the_file_limit() -> None:
    assert CONFIG["server"]["maxUploadSize"] * 2**20 <= Limits().max_file_bytes
    assert f"client_max_body_size {CONFIG['server']['maxUploadSize']}m;" in GUIDE


def test_the_guide_gives_the_headers_tls_and_hides_the_internal_endpoints() -> None:
    for needed in ("Content-Security-Policy", "frame-ancestors 'none'",
                   'X-Content-Type-Options "nosniff"', "Referrer-Policy",
                   "Strict-Transport-Security", "ssl_certificate",
                   "location = /_stcore/metrics { return 404; }", "location = /_stcore/health",
                   "server.maxUploadSize", "PLANNER_MAX_ROWS", "PLANNER_UPLOAD_MEMORY_MB"):
        assert needed in GUIDE, needed


def test_the_readme_links_the_guide() -> None:
    assert "(docs/deployment.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
