"""The Spark job in local[2] mode writes the Rust themes example's JSON, byte for byte.

Needs pyspark and Java. Outside CI their absence skips these tests with the reason; under CI
(the CI variable set) it fails them. JINGWU_SPARK_FOLDERS (folders separated by the path
separator) adds folders of reports to compare on.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REAL, ROOT, SEEDS, rust_themes_json

JOB = ROOT / "python" / "examples" / "spark_themes.py"


def spark_missing() -> str | None:
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed"
    java_home = os.environ.get("JAVA_HOME")
    if not shutil.which("java") and not (java_home and Path(java_home, "bin", "java").exists()):
        return "no Java runtime (java on PATH or JAVA_HOME)"
    return None


@pytest.fixture(scope="module", autouse=True)
def spark_available():
    missing = spark_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"the Spark tests cannot run in CI: {missing}")
        pytest.skip(f"the Spark tests need pyspark and Java: {missing}")


def run_job(
    tmp_path: Path, source: Path, top: int, partitions: int, *flags: str
) -> tuple[subprocess.CompletedProcess, Path]:
    out = tmp_path / f"themes-{top}-{partitions}.json"
    run = subprocess.run(
        [sys.executable, str(JOB), "--master", "local[2]", "--top", str(top), "--partitions", str(partitions), *flags, str(source), str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return run, out


def extra_folders() -> list[Path]:
    value = os.environ.get("JINGWU_SPARK_FOLDERS", "")
    return [Path(p) for p in value.split(os.pathsep) if p]


@pytest.mark.parametrize(
    "source, top, partitions",
    [(SEEDS, 10, 2), (REAL, 10, 5), (REAL, 4, 16)] + [(p, 10, 3) for p in extra_folders()],
    ids=lambda v: v.name if isinstance(v, Path) else str(v),
)
def test_spark_job_writes_the_rust_examples_json(tmp_path, source, top, partitions):
    run, out = run_job(tmp_path, source, top, partitions)
    assert run.returncode == 0, run.stderr[-3000:]
    assert out.read_text(encoding="utf-8") == rust_themes_json(str(source), top)


@pytest.mark.parametrize("flags", [("--jsonl",), ("--rejections",), ("--jsonl", "--rejections")], ids=" ".join)
def test_spark_job_writes_json_lines_and_rejections_as_the_rust_example(tmp_path, flags):
    run, out = run_job(tmp_path, SEEDS, 5, 2, *flags)
    assert run.returncode == 0, run.stderr[-3000:]
    written = out.read_text(encoding="utf-8")
    assert written == rust_themes_json(str(SEEDS), 5, *flags)
    assert ('"rule":"stop_word"' in written) == ("--rejections" in flags)
    assert (written.count("\n") == 3) == ("--jsonl" in flags)


def test_spark_job_names_unreadable_files_and_ranks_the_others(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in ("a.txt", "c.txt"):
        shutil.copy(SEEDS / "gw_1.txt", reports / name)
    (reports / "b.txt").write_bytes(b"\xff\xfe\xfd\x80 not text" * 50 + b"\x00\xd8")
    run, out = run_job(tmp_path, reports, 10, 2)
    assert run.returncode == 1
    assert "b.txt" in run.stderr
    rust = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "--example", "themes", "--", "--json", "--quiet", str(reports)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert rust.returncode == 1
    assert out.read_text(encoding="utf-8") == rust.stdout
    assert '"path":"a.txt"' in rust.stdout and '"path":"c.txt"' in rust.stdout


def test_spark_job_fails_without_reports(tmp_path):
    run, out = run_job(tmp_path, tmp_path, 10, 2)
    assert run.returncode == 1
    assert "no report" in run.stderr.lower()
    assert not out.exists()
