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


def test_server_timing_is_read_into_phases_and_summarised() -> None:
    assert loadtest._server_timing("accept;dur=2.5, task;desc=\"x\";dur=400, bad;dur=x, total;dur=500") == {
        "accept": 0.0025, "task": 0.4, "total": 0.5}
    table = loadtest._phase_table([{"phases": {"task": 0.4, "total": 0.5}}, {"phases": {"task": 0.6}}])
    assert table == {"task": {"mean_ms": 500.0, "p95_ms": 600.0}, "total": {"mean_ms": 500.0, "p95_ms": 500.0}}


def test_the_process_tree_is_found_in_one_pass() -> None:
    import os
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        tree = loadtest._tree(os.getpid())
        assert tree[0] == os.getpid() and child.pid in tree
        rss, pss = loadtest._memory([os.getpid()])
        assert rss > 0 and pss > 0
    finally:
        child.kill()
        child.wait()
