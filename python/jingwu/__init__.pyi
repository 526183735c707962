"""Type stubs of the jingwu package (its classes and functions live in jingwu._jingwu)."""

import os
from collections.abc import Iterable
from typing import Any, Literal, overload

StrPath = str | os.PathLike[str]

STATS_FORMAT_VERSION: int
"""The format version of the bytes CorpusStats.to_bytes writes."""

@overload
def extract_tags(
    text: str, topK: int | None = 20, withWeight: Literal[False] = False
) -> list[str]: ...
@overload
def extract_tags(
    text: str, topK: int | None, withWeight: Literal[True]
) -> list[tuple[str, float]]: ...
@overload
def extract_tags(
    text: str, *, topK: int | None = 20, withWeight: Literal[True]
) -> list[tuple[str, float]]: ...
def find_reports(paths: Iterable[StrPath]) -> FoundReports:
    """The report files of `paths` (files, or folders searched through their subfolders in
    the order of their names), each with the id it is ranked under."""

def read_report(path: StrPath) -> str:
    """The text of a report file in any format read (text in UTF-8, UTF-16, GB18030 or Big5,
    web page, Word file, PDF). OSError if it cannot be read, ValueError naming the file,
    byte and line if it is no text."""

def decode_report(data: bytes) -> str:
    """The text of a report's bytes, read by their content as read_report reads a file."""

Document = dict[str, Any]
"""One document of the `themes` JSON: path, title, sections (each with title, span,
themes) and themes; each theme with text, score, tf, weighted_tf, df, idf, boost, quoted,
category, source, evidence (and normalized, subsumes when they apply)."""

Ranking = dict[str, Any]
"""The `themes` JSON: {"documents": [Document, ...], "corpus": {"themes": [...]}}."""

class Engine:
    """jieba's dictionary taught the policing lexicon (and the user lexicon given), and the
    background IDF table. Build once, share: safe to use from many threads.

    `top` is the number of themes kept per section, document and corpus (None: all);
    `evidence` the mentions kept as evidence per theme (None: all, up to 50); with
    `rejections`, each section and document also lists the words kept out of its themes
    and the rule that kept each out (`rejections`: text, rule, mentions, span)."""

    def __init__(self, lexicon: StrPath | None = None) -> None: ...
    @staticmethod
    def default() -> Engine:
        """The process's engine without a user lexicon, built on first use and shared."""

    def rank_text(self, text: str, top: int | None = 10, evidence: int | None = None, rejections: bool = False) -> Document: ...
    def rank_text_json(self, text: str, top: int | None = 10, evidence: int | None = None, rejections: bool = False) -> str: ...
    def corpus(self, stats: CorpusStats | None = None) -> Corpus: ...
    def count(self, docs: Iterable[tuple[str, str]]) -> CorpusStats:
        """Statistics of (id, text) pairs, counted without keeping the documents."""

    def ranker(self, stats: CorpusStats, top: int | None = 10, evidence: int | None = None, rejections: bool = False) -> Ranker: ...

class Corpus:
    """Reports ranked together, their statistics counted as they are added."""

    def add(self, id: str, text: str) -> int:
        """Adds a report; returns its index in the corpus."""

    def add_all(self, docs: Iterable[tuple[str, str]]) -> None:
        """Adds (id, text) pairs, analysed in parallel, in their order."""

    def rank(self, top: int | None = 10, evidence: int | None = None, rejections: bool = False) -> Ranking: ...
    def rank_json(self, top: int | None = 10, evidence: int | None = None, rejections: bool = False) -> str:
        """The ranking as JSON text, byte for byte what `themes --json` writes."""

    def stats(self) -> CorpusStats: ...
    def own_stats(self) -> CorpusStats: ...
    def ranker(self, top: int | None = 10, evidence: int | None = None, rejections: bool = False) -> Ranker: ...
    def __len__(self) -> int: ...

class CorpusStats:
    """Document and section frequencies of candidate themes across a corpus."""

    def __init__(self) -> None: ...
    def merge(self, other: CorpusStats) -> None:
        """Adds other's counts to these, in place."""

    def __add__(self, other: CorpusStats) -> CorpusStats: ...
    def to_bytes(self) -> bytes: ...
    @staticmethod
    def from_bytes(data: bytes) -> CorpusStats:
        """ValueError naming the line for bytes that are no statistics of this version."""

    def save(self, path: StrPath) -> None: ...
    @staticmethod
    def load(path: StrPath) -> CorpusStats: ...
    @property
    def documents(self) -> int: ...
    @property
    def sections(self) -> int: ...
    @property
    def vocabulary(self) -> int: ...
    def __len__(self) -> int:
        """The number of documents counted."""

    def __eq__(self, other: object) -> bool: ...

class Ranker:
    """Ranks documents one at a time against frozen statistics, as inside the corpus."""

    def rank(self, id: str, text: str, tally: CorpusTally | None = None) -> Document: ...
    def rank_json(self, id: str, text: str, tally: CorpusTally | None = None) -> str: ...
    def tally(self) -> CorpusTally: ...
    def corpus_themes(self, tally: CorpusTally, docs: Iterable[tuple[int, str, str]]) -> dict[str, Any]:
        """{"themes": [...]}, the `corpus` of the `themes` JSON: the tally's leading themes,
        their evidence cut from (place, id, text) of the documents
        tally.evidence_documents() names."""

    def corpus_themes_json(self, tally: CorpusTally, docs: Iterable[tuple[int, str, str]]) -> str: ...
    @property
    def stats(self) -> CorpusStats: ...
    @property
    def top(self) -> int: ...

class CorpusTally:
    """The corpus's themes added up document by document, in the corpus's order."""

    def append(self, later: CorpusTally) -> None:
        """Adds up `later`'s documents, which come after this tally's.

        Raises ValueError if the two were ranked with other options or statistics."""

    @property
    def documents(self) -> int: ...
    def evidence_documents(self) -> list[int]:
        """Places in the corpus (0 for the first document added) of the documents whose
        mentions are the evidence of the leading themes, in order."""

    def to_bytes(self) -> bytes: ...
    @staticmethod
    def from_bytes(data: bytes) -> CorpusTally: ...
    def __eq__(self, other: object) -> bool: ...

class FoundReports:
    @property
    def files(self) -> list[tuple[str, str]]:
        """(id, path) of each report file, in order."""

    @property
    def errors(self) -> list[str]: ...
    @property
    def skipped(self) -> str: ...

__all__ = [
    "STATS_FORMAT_VERSION",
    "Corpus",
    "CorpusStats",
    "CorpusTally",
    "Engine",
    "FoundReports",
    "Ranker",
    "decode_report",
    "extract_tags",
    "find_reports",
    "read_report",
]
