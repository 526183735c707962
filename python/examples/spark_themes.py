"""Ranks the policing themes of a folder of reports on a Spark cluster, in two passes.

    python spark_themes.py [--master M] [--top N] [--jsonl] [--rejections] [--partitions P] INPUT OUTPUT

INPUT is a report file or a folder (its .txt, .htm, .html, .docx and .pdf files and those of
its subfolders, in the order of their names, hidden ones left out). OUTPUT receives the same
JSON as the Rust example `cargo run --release --example themes -- --json --top N INPUT`: the
same documents in the same order, the same themes with the same figures, byte for byte. With
--jsonl, one document a line and the corpus last, as `themes --jsonl`; with --rejections,
the words kept out of each section's and document's themes too, as `themes --rejections`.

1. The driver lists the report files (jingwu.find_reports) and splits the list into P
   partitions of consecutive files.
2. First pass: each partition reads its files and counts their statistics
   (Engine.count); the partitions' statistics are merged with a tree reduce (merging is
   a sum: the order does not matter).
3. The merged statistics are broadcast, as bytes, to every executor.
4. Second pass: each partition ranks its files one at a time against them (Ranker) and adds
   their leading themes into a CorpusTally of the partition.
5. The driver streams the partitions in order, writes each document's JSON as it comes and
   appends the partitions' tallies in partition order.
6. Third, short pass, on the driver: the corpus's leading themes from the merged tally,
   their evidence cut from the few documents it names, read again.

Files are read where they lie: every executor must see INPUT at the same path (a local run,
or a shared file system). A file that cannot be read is named on stderr, the others are
ranked, and the program exits with status 1, as the Rust example does.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from array import array
from collections.abc import Iterable, Iterator

import jingwu
from pyspark import SparkConf, SparkContext, StorageLevel

# What the second pass yields, per partition: each readable document's JSON, each unreadable
# file's error, then the partition's tally.
DOC, ERROR, TALLY = "doc", "error", "tally"


def read_files(files: Iterable[tuple[int, tuple[str, str]]]) -> Iterator[tuple[int, str, str | None, str]]:
    """(index, id, text, error) of each file: its text, or why it could not be read."""
    for index, (doc_id, path) in files:
        try:
            yield index, doc_id, jingwu.read_report(path), ""
        except (OSError, ValueError) as e:
            yield index, doc_id, None, str(e)


def count_partition(files: Iterable[tuple[int, tuple[str, str]]]) -> Iterator[jingwu.CorpusStats]:
    """First pass: the statistics of a partition's readable files."""
    docs = ((doc_id, text) for _, doc_id, text, _ in read_files(files) if text is not None)
    yield jingwu.Engine.default().count(docs)


def merge_stats(a: jingwu.CorpusStats, b: jingwu.CorpusStats) -> jingwu.CorpusStats:
    a.merge(b)
    return a


def rank_partition(stats_bytes, top: int, rejections: bool):
    """Second pass: each file of a partition ranked against the broadcast statistics, in
    order, then the partition's tally."""

    def rank(index: int, files: Iterable[tuple[int, tuple[str, str]]]) -> Iterator[tuple]:
        stats = jingwu.CorpusStats.from_bytes(stats_bytes.value)
        ranker = jingwu.Engine.default().ranker(stats, top, rejections=rejections)
        tally = ranker.tally()
        for file_index, doc_id, text, error in read_files(files):
            if text is None:
                yield (ERROR, error)
            else:
                yield (DOC, (file_index, ranker.rank_json(doc_id, text, tally)))
        yield (TALLY, tally.to_bytes())

    return rank


def corpus_themes(stats, top, rejections, tally, placed, files) -> tuple[str, bool]:
    """Third pass, on the driver: the corpus's themes from the merged tally, their evidence
    cut from the few documents it names (at most top x 50, the most evidence kept of a
    theme). Returns the JSON and whether one of them could not be read again."""
    docs, unread = [], False
    for place in tally.evidence_documents():
        doc_id, path = files[placed[place]]
        try:
            docs.append((place, doc_id, jingwu.read_report(path)))
        except (OSError, ValueError) as e:
            print(f"error: {e}", file=sys.stderr)
            unread = True
    ranker = jingwu.Engine.default().ranker(stats, top, rejections=rejections)
    return ranker.corpus_themes_json(tally, docs), unread


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description="Rank the policing themes of reports on Spark, as the Rust themes example does."
    )
    p.add_argument("--master", help="Spark master URL (default: spark-submit's, else local[*])")
    p.add_argument("--top", type=int, default=10, help="themes kept per section, document and corpus")
    p.add_argument("--jsonl", action="store_true", help="one document a line, then the corpus")
    p.add_argument("--rejections", action="store_true", help="also the words kept out and the rule that kept each out")
    p.add_argument("--partitions", type=int, default=0, help="partitions of the list of files (default: Spark's parallelism)")
    p.add_argument("input", help="a report file or a folder of reports")
    p.add_argument("output", help="the JSON (or JSON lines) file to write")
    args = p.parse_args(argv)
    if args.top < 0:
        p.error("--top must be 0 or more")
    if args.partitions < 0:
        p.error("--partitions must be 0 or more")
    return args


def spark_context(master: str | None):
    conf = SparkConf().setAppName("jingwu-themes")
    if master:
        conf.setMaster(master)
    elif not conf.contains("spark.master"):
        conf.setMaster("local[*]")
    # A task has its cores (spark.task.cpus, 1 by default): jingwu's own threads keep to them.
    cpus = conf.get("spark.task.cpus", "1")
    conf.setIfMissing("spark.executorEnv.RAYON_NUM_THREADS", cpus)
    os.environ.setdefault("RAYON_NUM_THREADS", cpus)  # the local master's workers
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    return sc


class WholeFile:
    """A file written to a temporary file beside it, then renamed over it by `commit`: a
    failure midway, or no commit, leaves the file that was there."""

    def __init__(self, path: str):
        self.path = path
        fd, self.tmp = tempfile.mkstemp(prefix=".spark_themes.", dir=os.path.dirname(os.path.abspath(path)))
        self.file = os.fdopen(fd, "w", encoding="utf-8", newline="")

    def commit(self) -> None:
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        os.replace(self.tmp, self.path)

    def discard(self) -> None:
        if not self.file.closed:
            self.file.close()
        if os.path.exists(self.tmp):
            os.unlink(self.tmp)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    found = jingwu.find_reports([args.input])
    failed = False
    for e in found.errors:
        print(f"error: {e}", file=sys.stderr)
        failed = True
    if found.skipped != "nothing":
        print(f"skipped: {found.skipped}", file=sys.stderr)
    if not found.files:
        return 1

    sc = spark_context(args.master)
    try:
        slices = args.partitions or sc.defaultParallelism
        slices = max(1, min(slices, len(found.files)))
        # Consecutive files in each partition: partition order is the files' order.
        files = sc.parallelize(list(enumerate(found.files)), slices)

        stats = files.mapPartitions(count_partition).treeReduce(merge_stats, depth=2)
        broadcast = sc.broadcast(stats.to_bytes())

        ranked = files.mapPartitionsWithIndex(rank_partition(broadcast, args.top, args.rejections))

        # Ranked once, on every executor at a time; then streamed to the driver partition by
        # partition, in order.
        ranked.persist(StorageLevel.MEMORY_AND_DISK)
        ranked.count()

        tally: jingwu.CorpusTally | None = None
        # The file of each document ranked, by its place in the corpus (unreadable files
        # have none).
        placed = array("q")
        out = WholeFile(args.output)
        try:
            if not args.jsonl:
                out.file.write('{"documents":[')
            for kind, value in ranked.toLocalIterator():
                if kind == DOC:
                    file_index, doc = value
                    if args.jsonl:
                        out.file.write(doc + "\n")
                    else:
                        out.file.write(("," if placed else "") + doc)
                    placed.append(file_index)
                elif kind == ERROR:
                    print(f"error: {value}", file=sys.stderr)
                    failed = True
                else:
                    part = jingwu.CorpusTally.from_bytes(value)
                    if tally is None:
                        tally = part
                    else:
                        tally.append(part)
            if not placed or tally is None:
                # As the Rust example, nothing written when no file could be read.
                print(f"error: none of the {len(found.files)} report files could be read", file=sys.stderr)
                return 1
            corpus, unread = corpus_themes(stats, args.top, args.rejections, tally, placed, found.files)
            failed |= unread
            if args.jsonl:
                out.file.write('{"corpus":' + corpus + "}\n")
            else:
                out.file.write('],"corpus":' + corpus + "}\n")
            out.commit()
        finally:
            out.discard()
        broadcast.unpersist()
        ranked.unpersist()
    finally:
        sc.stop()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
