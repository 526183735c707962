"""Segments Chinese police work reports and ranks their policing themes with TF-IDF.

The ranking is the Rust crate jingwu's: per section, per report and across a corpus, each
theme with its score, figures and evidence. Rankings are the JSON the crate's ``themes``
example writes, as dicts (or as that JSON text, from the ``*_json`` methods).

    >>> import jingwu
    >>> jingwu.extract_tags("慈溪公安：\\n\\n一举查处笑气工厂三家，捣毁笑气加工窝点五处。", topK=3)
    ['笑气', ...]
"""

from ._jingwu import (
    STATS_FORMAT_VERSION,
    Corpus,
    CorpusStats,
    CorpusTally,
    Engine,
    FoundReports,
    Ranker,
    decode_report,
    extract_tags,
    find_reports,
    read_report,
)

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
