"""service.loadtest: removes its temporary files whatever happens, writes only where it is told,
counts what went wrong instead of aborting (issue 14 item 6)."""

from __future__ import annotations

import json
import tempfile

import pytest

from service import loadtest


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    d = tmp_path / "tmp"
    d.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(d))
    return d


def test_a_service_that_cannot_start_leaves_no_temporary_files(private_tmp) -> None:
    with pytest.raises(RuntimeError, match="did not start"):
        loadtest.run_load_test(requests=1, pool_workers=1, time_limit_s=120,
                               extra_env={"MASKING_SERVICE_KEEP_ALIVE_S": "1"})  # refused by the settings
    assert list(private_tmp.iterdir()) == []


def test_a_small_run_masks_everything_reports_and_cleans_up(private_tmp, tmp_path) -> None:
    out = tmp_path / "result" / "load.json"
    assert loadtest.main(["--requests", "2", "--clients", "2", "--pool-workers", "1", "--time-limit", "300",
                          "--out", str(out)]) == 0
    res = json.loads(out.read_text())
    assert res["completed_200"] == 2 and res["unfinished"] == 0
    assert res["connection_errors"] == 0 and res["server_errors_other_than_503"] == 0
    assert res["values_left_in_outputs"] == 0
    assert res["pages_per_s"] > 0 and res["ideal_p95_s"] > 0
    assert list(private_tmp.iterdir()) == []  # storage and audit log removed
    assert [p.name for p in tmp_path.iterdir() if p.name != "tmp"] == ["result"]  # nothing else written
