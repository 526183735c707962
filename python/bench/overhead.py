"""The Python API's overhead over the Rust pipeline, and its speed against Python jieba.

    python bench/overhead.py [--mb 4] [--jieba-mb 0.5] [--corpus FILE]

Builds a corpus file of documents of about 2 KB from the repository's reports (seeds/ and
tests/data/real/), one blank line between documents, unless --corpus names one (documents
without blank lines inside, one blank line between them). Then, on the same documents:

1. the Rust `throughput` example (`cargo run --release --example throughput -- FILE`), whose
   `rank_one` stage ranks the first 2 MB one report at a time (Engine::rank_text) and whose
   `rank` stage ranks the whole file as one corpus (Corpus::add_all, Corpus::rank), each on
   one thread;
2. the same work through the Python API, on one thread too (RAYON_NUM_THREADS=1):
   extract_tags (words), Engine.rank_text (dicts, each let go as the next comes, or all
   kept in a list) and rank_text_json (JSON text) per report,
   and Corpus.add_all + Corpus.rank (a dict) or rank_json for the corpus; each the best of
   three runs;
3. jingwu.extract_tags against jieba.analyse.extract_tags (topK=20) on the first documents
   (--jieba-mb, as Python jieba is slower).

Prints each figure, the cost of one call on a word against the Rust time of one report, and,
last, one line for machines: `overhead_extract_tags=… call_share=… overhead_rank_text_json=…
overhead_rank_text=… overhead_rank_text_kept=… overhead_corpus_rank_json=… overhead_corpus_rank=…
ratio_extract_tags_vs_jieba=…` (overheads as fractions of the Rust time: 0.05 is 5 %
slower; the ratio is how many times faster than jieba).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# One thread, as the Rust example's measured stages: set before jingwu starts its pool.
os.environ["RAYON_NUM_THREADS"] = "1"

import jingwu  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
MB = 1 << 20
DOC_BYTES = 2048
RANK_ONE_BYTES = 2 * MB
PLACES = ["象山", "慈溪", "北仑", "镇海", "鄞州", "奉化", "余姚", "宁海", "海曙", "江北"]


def corpus_lines() -> list[str]:
    """The non-empty lines of the repository's reports."""
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "real").glob("*.txt"))
    lines: list[str] = []
    for f in files:
        lines += [line.strip() for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines


def build_corpus(target: int) -> list[str]:
    """Documents of about DOC_BYTES adding up to at least `target` bytes: a bureau's section
    header, then lines of the reports taken in turn from a shuffled start."""
    lines = corpus_lines()
    rng = random.Random(20240101)
    docs, size, at = [], 0, 0
    while size < target:
        doc = [rng.choice(PLACES) + "公安："]
        at = rng.randrange(len(lines)) if rng.random() < 0.3 else at
        while len("\n".join(doc).encode()) < DOC_BYTES:
            doc.append(lines[at % len(lines)])
            at += 1
        text = "\n".join(doc) + "\n"
        docs.append(text)
        size += len(text.encode())
    return docs


def take_prefix(docs: list[str], limit: int) -> list[str]:
    """The first documents adding up to at least `limit` bytes (as the Rust example takes)."""
    size = 0
    for i, d in enumerate(docs):
        if size >= limit:
            return docs[:i]
        size += len(d.encode())
    return docs


def nbytes(docs: list[str]) -> int:
    return sum(len(d.encode()) for d in docs)


def best(runs: int, f) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        f()
        times.append(time.perf_counter() - started)
    return min(times)


def rust_stages(corpus: Path) -> dict[str, float]:
    """Seconds of each stage of the Rust throughput example on `corpus`."""
    run = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "--example", "throughput", "--", str(corpus)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "CARGO_TERM_COLOR": "never"},
    )
    if run.returncode != 0:
        sys.exit(f"the throughput example failed:\n{run.stderr}")
    print("-- Rust throughput example --")
    print(run.stdout.rstrip())
    stages = {}
    for m in re.finditer(r"^stage (\S+)\s+([\d.]+) MB\s+jingwu\s+([\d.]+) MB/s \(\s*([\d.]+) s\)", run.stdout, re.M):
        stages[m.group(1)] = float(m.group(4))
    for needed in ("rank_one", "rank"):
        if needed not in stages:
            sys.exit(f"no `{needed}` stage in the throughput example's output")
    return stages


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--mb", type=float, default=4.0, help="size of the built corpus, in MB")
    p.add_argument("--jieba-mb", type=float, default=0.5, help="MB compared with Python jieba")
    p.add_argument("--corpus", type=Path, help="a corpus file instead of the built one")
    args = p.parse_args()

    if args.corpus:
        text = args.corpus.read_text(encoding="utf-8")
        docs = [d.strip() for d in re.split(r"\n\s*\n", text) if d.strip()]
        corpus_file = args.corpus
    else:
        docs = build_corpus(int(args.mb * MB))
        tmp = tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False)
        tmp.write("\n\n".join(docs))
        tmp.close()
        corpus_file = Path(tmp.name)
        # The Rust example trims each document; so do the documents compared here.
        docs = [d.strip() for d in docs]
    try:
        rust = rust_stages(corpus_file)
    finally:
        if not args.corpus:
            os.unlink(corpus_file)

    engine = jingwu.Engine()
    some = take_prefix(docs, RANK_ONE_BYTES)
    for d in some[:8]:  # warm up
        engine.rank_text(d)

    print(f"-- Python API, 1 thread: {len(docs)} documents, {nbytes(docs) / MB:.2f} MB --")
    one_mb = nbytes(some) / MB
    all_mb = nbytes(docs) / MB
    rows = [
        ("rank_one", one_mb, "extract_tags(topK=10)", lambda: [jingwu.extract_tags(d, topK=10) for d in some]),
        ("rank_one", one_mb, "Engine.rank_text_json", lambda: [engine.rank_text_json(d) for d in some]),
        ("rank_one", one_mb, "Engine.rank_text, each let go", lambda: each(engine.rank_text)),
        ("rank_one", one_mb, "Engine.rank_text, all kept", lambda: [engine.rank_text(d) for d in some]),
        ("rank_one", one_mb, "rank_text(evidence=1), kept", lambda: [engine.rank_text(d, evidence=1) for d in some]),
        ("rank", all_mb, "Corpus.add_all + rank_json", lambda: whole(json=True)),
        ("rank", all_mb, "Corpus.add_all + rank", lambda: whole(json=False)),
    ]

    def each(rank):
        for d in some:
            rank(d)

    def whole(json: bool):
        corpus = engine.corpus()
        corpus.add_all((f"doc{i:06}", d) for i, d in enumerate(docs))
        return corpus.rank_json() if json else corpus.rank()

    overhead = {}
    for stage, mb, name, f in rows:
        t = best(3, f)
        o = t / rust[stage] - 1
        overhead[name] = o
        print(f"{stage:<9} {mb:6.2f} MB  {name:<30} {mb / t:6.2f} MB/s ({t:6.2f} s)  Rust {rust[stage]:6.2f} s  overhead {o:+6.1%}")

    calls = 20000
    t_call = best(3, lambda: [jingwu.extract_tags("警务") for _ in range(calls)])
    per_doc = rust["rank_one"] / len(some)
    print(
        f"one call of extract_tags on a word (the call, the GIL let go and taken back, a list): "
        f"{t_call / calls * 1e6:.1f} us, {t_call / calls / per_doc:.1%} of the Rust time of a report of the corpus ({per_doc * 1e6:.0f} us)"
    )

    import logging

    import jieba
    import jieba.analyse

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    few = take_prefix(docs, int(args.jieba_mb * MB))
    few_mb = nbytes(few) / MB
    jieba.analyse.extract_tags(few[0], topK=20)
    jingwu.extract_tags(few[0], topK=20)
    t_jieba = best(2, lambda: [jieba.analyse.extract_tags(d, topK=20) for d in few])
    t_tags = best(2, lambda: [jingwu.extract_tags(d, topK=20) for d in few])
    ratio = t_jieba / t_tags
    print(f"-- extract_tags, topK=20, {len(few)} documents, {few_mb:.2f} MB, 1 thread --")
    print(f"jieba.analyse.extract_tags {few_mb / t_jieba:6.2f} MB/s ({t_jieba:6.2f} s)")
    print(f"jingwu.extract_tags        {few_mb / t_tags:6.2f} MB/s ({t_tags:6.2f} s)  {ratio:.2f} times jieba's speed")
    print(
        f"overhead_extract_tags={overhead['extract_tags(topK=10)']:.3f} "
        f"call_share={t_call / calls / per_doc:.4f} "
        f"overhead_rank_text_json={overhead['Engine.rank_text_json']:.3f} "
        f"overhead_rank_text={overhead['Engine.rank_text, each let go']:.3f} "
        f"overhead_rank_text_kept={overhead['Engine.rank_text, all kept']:.3f} "
        f"overhead_corpus_rank_json={overhead['Corpus.add_all + rank_json']:.3f} "
        f"overhead_corpus_rank={overhead['Corpus.add_all + rank']:.3f} "
        f"ratio_extract_tags_vs_jieba={ratio:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
