"""Analysis must work with the network off: no model download, no public-suffix fetch."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_analysis_with_network_blocked(tmp_path):
    script = textwrap.dedent(
        """
        import socket
        def blocked(*a, **k):
            raise OSError("network disabled in test")
        socket.socket.connect = blocked
        socket.socket.connect_ex = blocked
        socket.create_connection = blocked
        socket.getaddrinfo = blocked
        from masking.api import analyze_text
        dets = analyze_text("Mejla anna.svensson@example.se eller ring 070-123 45 67, pnr 811218-9876.")
        print(sorted({d.entity_type for d in dets}))
        """
    )
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    out = r.stdout.strip().splitlines()[-1]
    assert "EMAIL_ADDRESS" in out and "PHONE_NUMBER" in out and "SE_PERSONNUMMER" in out
    assert "network disabled" not in r.stderr


def test_missing_model_is_an_error_not_a_download(tmp_path, monkeypatch):
    from masking.analyzer import AnalyzerConfig, TextAnalyzer
    from masking.errors import ModelNotFoundError

    monkeypatch.setenv("MASKING_MODEL_PATH", str(tmp_path / "no-such-model"))
    import pytest

    with pytest.raises(ModelNotFoundError):
        TextAnalyzer(AnalyzerConfig.load())


def test_unreadable_config_is_an_error(tmp_path):
    from masking.analyzer import AnalyzerConfig
    from masking.errors import ConfigError
    import pytest

    bad = tmp_path / "a.yaml"
    bad.write_text("recognizers: [unclosed")
    with pytest.raises(ConfigError):
        AnalyzerConfig.load(bad)
    with pytest.raises(ConfigError):
        AnalyzerConfig.load(tmp_path / "missing.yaml")
