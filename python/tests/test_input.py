"""Bad input is a Python exception naming what and where, never a crash; reading files."""

from __future__ import annotations

import pytest

import jingwu
from conftest import SEEDS

TEXT = "慈溪公安：\n\n一举查处笑气工厂三家，捣毁笑气加工窝点五处。\n"


@pytest.mark.parametrize("bad", [TEXT.encode("utf-8"), bytearray(b"abc"), 42, None])
def test_text_that_is_not_str_is_a_type_error(engine, bad):
    with pytest.raises(TypeError, match="must be str"):
        jingwu.extract_tags(bad)
    with pytest.raises(TypeError, match="must be str"):
        engine.rank_text(bad)
    corpus = engine.corpus()
    with pytest.raises(TypeError, match="must be str"):
        corpus.add("a.txt", bad)
    with pytest.raises(TypeError, match="must be str"):
        corpus.add(bad, TEXT)
    ranker = engine.ranker(jingwu.CorpusStats())
    with pytest.raises(TypeError, match="must be str"):
        ranker.rank("a.txt", bad)
    assert len(corpus) == 0, "nothing added by a failed call"


def test_bytes_say_how_to_decode(engine):
    with pytest.raises(TypeError, match="decode_report"):
        engine.rank_text(TEXT.encode("gb18030"))


@pytest.mark.parametrize("docs", [[("a.txt",)], [("a.txt", TEXT, "x")], ["a.txt"], [("a.txt", b"x")], 5])
def test_bad_documents_are_a_type_error(engine, docs):
    with pytest.raises(TypeError):
        engine.corpus().add_all(docs)
    with pytest.raises(TypeError):
        engine.count(docs)


def test_negative_counts_are_a_value_error(engine):
    with pytest.raises(ValueError, match="topK"):
        jingwu.extract_tags(TEXT, topK=-1)
    with pytest.raises(ValueError, match="top"):
        engine.rank_text(TEXT, top=-3)
    with pytest.raises(ValueError, match="top"):
        engine.corpus().rank(top=-1)
    with pytest.raises(ValueError, match="evidence"):
        engine.rank_text(TEXT, evidence=-1)
    with pytest.raises(ValueError, match="evidence"):
        engine.ranker(jingwu.CorpusStats(), evidence=-2)


def test_lone_surrogates_are_a_value_error(engine):
    with pytest.raises(UnicodeEncodeError):
        engine.rank_text("公安\ud800大脑")


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\n\n", "“", "”“", "\x00\x1b[31m", "a" * 10_000, "。" * 5000, "公安：\n" * 300, "🇨🇳👮‍♀️" * 100],
)
def test_odd_texts_rank_without_error(engine, text):
    doc = engine.rank_text(text)
    assert isinstance(doc["themes"], list)
    assert isinstance(jingwu.extract_tags(text), list)


def test_a_bad_lexicon_is_a_value_error_naming_file_and_line(tmp_path):
    lexicon = tmp_path / "words.txt"
    lexicon.write_text("港区安澜联盟 100 nz\n公安大脑 -5\n", encoding="utf-8")
    with pytest.raises(ValueError) as e:
        jingwu.Engine(lexicon)
    assert str(lexicon) in str(e.value) and "line 2" in str(e.value)
    with pytest.raises(FileNotFoundError):
        jingwu.Engine(tmp_path / "missing.txt")


def test_a_user_lexicon_makes_its_words_themes(tmp_path):
    text = "平湖公安：\n\n平湖公安打造港区安澜联盟，港区安澜联盟守护港区。\n"
    lexicon = tmp_path / "words.txt"
    lexicon.write_text("港区安澜联盟 100 nz\n", encoding="utf-8")
    words = [t["text"] for t in jingwu.Engine(str(lexicon)).rank_text(text)["themes"]]
    assert "港区安澜联盟" in words


def test_read_report_decodes_gb18030(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(TEXT.encode("gb18030"))
    assert jingwu.read_report(path) == TEXT
    assert jingwu.decode_report(TEXT.encode("gb18030")) == TEXT
    assert jingwu.read_report(str(SEEDS / "gw_1.txt")).startswith((SEEDS / "gw_1.txt").read_text(encoding="utf-8")[:20])


def test_read_report_errors_name_the_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="missing.txt"):
        jingwu.read_report(tmp_path / "missing.txt")
    bad = tmp_path / "bad.txt"
    bad.write_bytes("公安\n大脑\n".encode("utf-8") + b"\xff\xfe\xfd\x80" * 3)
    with pytest.raises(ValueError) as e:
        jingwu.read_report(bad)
    assert "bad.txt" in str(e.value)
    with pytest.raises(ValueError, match="line 3"):
        jingwu.decode_report("公安\n大脑\n".encode("utf-8") + b"\xff\xfe\xfd\x80" * 3)
    with pytest.raises(TypeError):
        jingwu.decode_report(TEXT)


def test_find_reports_lists_a_folder_in_order(tmp_path):
    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / "q1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "z.htm").write_text("<html><body><p>公安</p></body></html>", encoding="utf-8")
    (tmp_path / ".draft.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    found = jingwu.find_reports([tmp_path])
    assert [doc_id for doc_id, _ in found.files] == ["2024/q1.txt", "a.txt", "z.htm"]
    assert found.files[0][1] == str(tmp_path / "2024" / "q1.txt")
    assert found.errors == []
    assert found.skipped == "1 file of another type, 1 hidden file or folder"


def test_find_reports_says_when_there_is_none(tmp_path):
    found = jingwu.find_reports([tmp_path])
    assert found.files == []
    assert len(found.errors) == 1 and str(tmp_path) in found.errors[0]


def test_a_corpus_used_by_two_threads_at_once_raises_rather_than_crashes(engine, seed_docs):
    import threading

    corpus = engine.corpus()
    text = "\n\n".join(t for _, t in seed_docs) * 30
    added, refused = [], []

    def add(i):
        try:
            added.append(corpus.add(f"{i}.txt", text))
        except RuntimeError as e:  # the corpus is busy adding another report
            refused.append(str(e))

    threads = [threading.Thread(target=add, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(added) + len(refused) == 4
    assert len(corpus) == len(added) >= 1
    assert sorted(added) == list(range(len(added)))


def test_random_input_is_ranked_or_refused_never_a_crash(engine, seed_docs):
    import random

    rng = random.Random(19)
    pieces = list("公安警务笑气大脑枫桥经验“”‘’「」：。，、；！？\n\n \t") + ["\x00", "\u200d", "👮", "é", "\ufeff", "𠀀", "一、", "（一）", "1."]
    for _ in range(150):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 300)))
        assert isinstance(jingwu.extract_tags(text), list)
        doc = engine.rank_text(text, top=3)
        assert len(doc["themes"]) <= 3
    for _ in range(150):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 200)))
        try:
            assert isinstance(jingwu.decode_report(data), str)
        except ValueError:
            pass

    # Damaged statistics and tallies: refused with a ValueError, or read and usable.
    ranker = engine.ranker(engine.count(seed_docs), top=3)
    tally = ranker.tally()
    for doc_id, text in seed_docs:
        ranker.rank(doc_id, text, tally)
    docs = [(p, doc_id, text) for p, (doc_id, text) in enumerate(seed_docs)]
    stats_bytes, tally_bytes = ranker.stats.to_bytes(), tally.to_bytes()
    read = 0
    for _ in range(100):
        for data, load in ((stats_bytes, jingwu.CorpusStats.from_bytes), (tally_bytes, jingwu.CorpusTally.from_bytes)):
            damaged = bytearray(data)
            for _ in range(rng.randrange(1, 4)):
                at = rng.randrange(len(damaged))
                damaged[at] = rng.choice(b'0123456789{}[]",:-e. x')
            try:
                obj = load(bytes(damaged))
            except ValueError:
                continue
            read += 1
            if isinstance(obj, jingwu.CorpusStats):
                engine.ranker(obj, top=3).rank("a.txt", seed_docs[0][1])
            else:
                ranker.corpus_themes(obj, docs)
    assert read > 0, "some damage leaves the bytes readable (a digit for a digit)"
