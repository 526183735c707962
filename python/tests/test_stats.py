"""CorpusStats, Ranker and CorpusTally: merging, serialising, ranking in two passes."""

from __future__ import annotations

import json
import pickle

import pytest

import jingwu


def stats_of(engine, docs):
    corpus = engine.corpus()
    corpus.add_all(docs)
    return corpus.stats()


def test_empty_stats():
    s = jingwu.CorpusStats()
    assert len(s) == 0 and s.documents == 0 and s.sections == 0 and s.vocabulary == 0


def test_merged_stats_equal_the_stats_of_the_union(engine, seed_docs):
    a = stats_of(engine, seed_docs[:1])
    b = stats_of(engine, seed_docs[1:])
    whole = stats_of(engine, seed_docs)
    assert a != whole
    assert a + b == whole
    assert b + a == whole
    a.merge(b)
    assert a == whole
    assert len(whole) == whole.documents == len(seed_docs)
    assert whole.sections >= whole.documents
    assert whole.vocabulary > 100


def test_count_equals_the_stats_of_a_corpus(engine, seed_docs):
    assert engine.count(seed_docs) == stats_of(engine, seed_docs)
    # Any iterable, read lazily, in batches.
    many = [(f"{i}.txt", text) for i in range(70) for _, text in seed_docs[:1]]
    assert engine.count(iter(many)) == stats_of(engine, many)
    assert engine.count([]) == jingwu.CorpusStats()


def test_stats_bytes_and_pickle_round_trip(engine, seed_docs, tmp_path):
    s = stats_of(engine, seed_docs)
    data = s.to_bytes()
    assert isinstance(data, bytes)
    assert json.loads(data)["version"] == jingwu.STATS_FORMAT_VERSION
    assert jingwu.CorpusStats.from_bytes(data) == s
    assert stats_of(engine, seed_docs).to_bytes() == data, "the same statistics, the same bytes"
    assert pickle.loads(pickle.dumps(s)) == s
    path = tmp_path / "stats.json"
    s.save(path)
    assert jingwu.CorpusStats.load(path) == s
    assert path.read_bytes() == data


def test_corpus_from_prior_stats(engine, seed_docs):
    prior = stats_of(engine, seed_docs[1:])
    corpus = engine.corpus(prior)
    corpus.add(*seed_docs[0])
    assert corpus.stats() == stats_of(engine, seed_docs)
    assert corpus.own_stats() == stats_of(engine, seed_docs[:1])


def two_pass_json(ranker, docs, parts):
    """The themes JSON of `docs` ranked by `ranker` in `parts` consecutive parts, their
    tallies appended in order."""
    size = -(-len(docs) // parts)
    documents, tally = [], None
    for start in range(0, len(docs), size):
        part = ranker.tally()
        for doc_id, text in docs[start : start + size]:
            documents.append(ranker.rank_json(doc_id, text, part))
        part = pickle.loads(pickle.dumps(part))
        if tally is None:
            tally = part
        else:
            tally.append(part)
    wanted = tally.evidence_documents()
    assert wanted == sorted(set(wanted)) and all(0 <= p < len(docs) for p in wanted)
    corpus = ranker.corpus_themes_json(tally, [(p, *docs[p]) for p in wanted])
    return '{"documents":[' + ",".join(documents) + '],"corpus":' + corpus + "}"


def test_ranking_in_two_passes_equals_the_corpus(engine, seed_docs):
    docs = seed_docs * 3
    docs = [(f"{i}/{doc_id}", text) for i, (doc_id, text) in enumerate(docs)]
    corpus = engine.corpus()
    corpus.add_all(docs)
    stats = jingwu.CorpusStats.from_bytes(engine.count(docs).to_bytes())
    for top in (10, 4):
        ranker = engine.ranker(stats, top=top)
        assert ranker.top == top
        expected = corpus.rank_json(top=top)
        for parts in (1, 2, 3, 6):
            assert two_pass_json(ranker, docs, parts) == expected


def test_ranker_ranks_as_inside_the_corpus(engine, seed_docs):
    corpus = engine.corpus()
    corpus.add_all(seed_docs)
    ranker = corpus.ranker()
    assert ranker.stats == corpus.stats()
    ranking = corpus.rank()
    for (doc_id, text), doc in zip(seed_docs, ranking["documents"]):
        assert ranker.rank(doc_id, text) == doc


def test_tally_counts_documents_and_round_trips(engine, seed_docs):
    docs = seed_docs * 2
    corpus = engine.corpus()
    corpus.add_all(docs)
    ranker = engine.ranker(engine.count(docs))
    tally = ranker.tally()
    assert tally.documents == 0 and tally.evidence_documents() == []
    assert ranker.corpus_themes(tally, []) == {"themes": []}
    for doc_id, text in docs:
        ranker.rank(doc_id, text, tally)
    assert tally.documents == len(docs)
    assert jingwu.CorpusTally.from_bytes(tally.to_bytes()) == tally
    assert pickle.loads(pickle.dumps(tally)) == tally

    expected = corpus.rank()["corpus"]
    every = [(p, doc_id, text) for p, (doc_id, text) in enumerate(docs)]
    themes = ranker.corpus_themes(tally, every)
    assert themes == expected
    assert 0 < len(themes["themes"]) <= 10
    # The documents it names are enough; the others are passed over.
    wanted = tally.evidence_documents()
    assert wanted and set(wanted) <= set(range(len(docs)))
    assert ranker.corpus_themes(tally, [every[p] for p in wanted]) == expected
    # With one piece of evidence a theme, the first copy of the seeds has them all.
    first = engine.ranker(engine.count(docs), evidence=1)
    short = first.tally()
    for doc_id, text in docs:
        first.rank_json(doc_id, text, short)
    assert set(short.evidence_documents()) <= {0, 1}
    assert first.corpus_themes(short, every[:2]) == first.corpus_themes(short, every)
    assert first.corpus_themes(short, every[:2]) == corpus.rank(evidence=1)["corpus"]
    assert json.loads(ranker.corpus_themes_json(tally, iter(every))) == expected
    # Without its documents a theme keeps its figures, without evidence.
    bare = ranker.corpus_themes(tally, [])["themes"]
    assert [t["text"] for t in bare] == [t["text"] for t in expected["themes"]]
    assert [t["score"] for t in bare] == [t["score"] for t in expected["themes"]]
    assert all(t["evidence"] == [] for t in bare)


def test_tallies_that_do_not_add_up_are_a_value_error(engine, seed_docs):
    stats = engine.count(seed_docs)
    doc_id, text = seed_docs[0]

    def tally_of(ranker):
        t = ranker.tally()
        ranker.rank(doc_id, text, t)
        return t

    base = tally_of(engine.ranker(stats))
    for other in (
        tally_of(engine.ranker(stats, top=3)),
        tally_of(engine.ranker(stats, evidence=1)),
        tally_of(engine.ranker(engine.count(seed_docs[:1]))),
    ):
        whole = jingwu.CorpusTally.from_bytes(base.to_bytes())
        with pytest.raises(ValueError, match="do not add up"):
            whole.append(other)
        assert whole == base
    whole = jingwu.CorpusTally.from_bytes(base.to_bytes())
    whole.append(base)
    assert whole.documents == 2


def test_corpus_themes_wants_place_id_text_triples(engine, seed_docs):
    ranker = engine.ranker(engine.count(seed_docs))
    tally = ranker.tally()
    ranker.rank(*seed_docs[0], tally)
    with pytest.raises(TypeError, match="place, id, text"):
        ranker.corpus_themes(tally, [seed_docs[0]])
    with pytest.raises(TypeError, match="must be str"):
        ranker.corpus_themes(tally, [(0, seed_docs[0][0], b"bytes")])


@pytest.mark.parametrize(
    "data, needle",
    [
        (b"", "line 1"),
        (b'{"version": 1,', "line 1"),
        (b'{\n"version": 1,\n"documents": "x"}', "line 3"),
        (b'{"version": 999, "documents": 0}', "version 999"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_bad_stats_bytes_are_a_value_error(data, needle):
    with pytest.raises(ValueError, match=needle):
        jingwu.CorpusStats.from_bytes(data)


def test_bad_tally_bytes_are_a_value_error():
    with pytest.raises(ValueError, match="line 1"):
        jingwu.CorpusTally.from_bytes(b'{"version": 1,')
    with pytest.raises(ValueError, match="version"):
        jingwu.CorpusTally.from_bytes(b'{"version": 7}')


def test_a_bad_stats_file_is_named_with_its_line(tmp_path):
    path = tmp_path / "stats.json"
    path.write_text('{"version": 1,\n"documents": 1,\n"sections": oops}\n', encoding="utf-8")
    with pytest.raises(ValueError) as e:
        jingwu.CorpusStats.load(path)
    assert str(path) in str(e.value) and "line 3" in str(e.value)
    with pytest.raises(FileNotFoundError):
        jingwu.CorpusStats.load(tmp_path / "missing.json")
