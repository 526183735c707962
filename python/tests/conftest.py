"""Shared fixtures: the repository's reports, one engine, and the Rust `themes` example's
JSON to compare with."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import jingwu

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
REAL = ROOT / "tests" / "data" / "real"


@pytest.fixture(scope="session")
def engine() -> jingwu.Engine:
    return jingwu.Engine()


@pytest.fixture(scope="session")
def seed_docs() -> list[tuple[str, str]]:
    found = jingwu.find_reports([SEEDS])
    assert found.errors == []
    return [(doc_id, jingwu.read_report(path)) for doc_id, path in found.files]


@functools.cache
def rust_themes_json(path: str, top: int = 10, *flags: str) -> str:
    """What `cargo run --release --example themes -- --json --top TOP [FLAGS] PATH` prints
    (`--jsonl` among the flags replaces `--json`)."""
    cargo = shutil.which("cargo")
    assert cargo, "cargo is needed to run the Rust themes example these tests compare with"
    run = subprocess.run(
        [cargo, "run", "--quiet", "--release", "--example", "themes", "--"]
        + ([] if "--jsonl" in flags else ["--json"])
        + ["--quiet", "--top", str(top), *flags, path],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "CARGO_TERM_COLOR": "never"},
    )
    assert run.returncode == 0, run.stderr
    return run.stdout
