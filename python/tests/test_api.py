"""extract_tags, Engine.rank_text and Corpus: what they return."""

from __future__ import annotations

import json
import threading
import time

import jingwu
from conftest import REAL, SEEDS, rust_themes_json

CIXI = (
    "慈溪公安：\n\n四大举措 交出高分平安成绩单\n\n慈溪公安深化“公安大脑”建设，"
    "推进“公安大脑”应用。今年以来，慈溪公安一举查处笑气工厂三家，捣毁笑气加工窝点五处。\n"
)
XIANGSHAN = "象山公安：\n\n象山公安积极探索实施“共富警务”，“共富警务”提升服务群众本领。\n"

THEME_KEYS = {"text", "score", "tf", "weighted_tf", "df", "idf", "boost", "quoted", "category", "source", "evidence"}


def test_extract_tags_returns_words_best_first():
    tags = jingwu.extract_tags(CIXI, topK=3)
    assert len(tags) == 3
    assert all(isinstance(t, str) for t in tags)
    assert "公安大脑" in tags and "笑气" in tags
    assert "慈溪" not in tags


def test_extract_tags_with_weight_gives_descending_scores():
    pairs = jingwu.extract_tags(CIXI, withWeight=True)
    assert pairs, "the text has themes"
    words = [w for w, _ in pairs]
    scores = [s for _, s in pairs]
    assert all(isinstance(s, float) and s > 0 for s in scores)
    assert scores == sorted(scores, reverse=True)
    assert words == jingwu.extract_tags(CIXI)


def test_extract_tags_are_the_whole_documents_themes(engine, seed_docs):
    for text in [CIXI, XIANGSHAN] + [t for _, t in seed_docs]:
        doc = engine.rank_text(text, top=20)
        expected = [(t["text"], t["score"]) for t in doc["themes"]]
        assert jingwu.extract_tags(text, topK=20, withWeight=True) == expected


def test_evidence_keeps_that_many_mentions_and_the_same_themes(engine, seed_docs):
    text = seed_docs[0][1]
    every = engine.rank_text(text)
    for n in (0, 1, 2):
        doc = engine.rank_text(text, evidence=n)
        pairs = list(zip(every["themes"], doc["themes"]))
        assert pairs and len(doc["themes"]) == len(every["themes"])
        for full, cut in pairs:
            assert cut["evidence"] == full["evidence"][:n]
            assert {k: v for k, v in cut.items() if k != "evidence"} == {k: v for k, v in full.items() if k != "evidence"}
    assert any(len(t["evidence"]) > 2 for t in every["themes"])


def test_extract_tags_top_k_none_keeps_every_theme(seed_docs):
    text = seed_docs[1][1]
    every = jingwu.extract_tags(text, topK=None)
    assert len(every) > 20
    assert jingwu.extract_tags(text) == every[:20]
    assert jingwu.extract_tags(text, topK=3) == every[:3]
    assert jingwu.extract_tags(text, topK=0) == []
    assert jingwu.extract_tags(text, None) == every
    assert jingwu.extract_tags("") == []


def test_rank_text_has_the_schema_of_a_themes_document(engine):
    doc = engine.rank_text(XIANGSHAN, top=5)
    assert set(doc) >= {"path", "title", "sections", "themes"}
    section = doc["sections"][0]
    assert section["title"] == "象山公安"
    assert 0 < len(section["themes"]) <= 5
    theme = section["themes"][0]
    assert THEME_KEYS <= set(theme)
    assert theme["text"] == "共富警务" and theme["quoted"] is True and theme["tf"] == 2
    assert doc == json.loads(engine.rank_text_json(XIANGSHAN, top=5))


def test_dicts_are_the_json_parsed(engine, seed_docs):
    real = sorted(REAL.glob("*.txt"))
    assert len(real) > 10
    texts = [t for _, t in seed_docs] + [p.read_text(encoding="utf-8") for p in real]
    texts.append("象山公安：\n\n創新發展新時代“海上楓橋經驗”，“海上楓橋經驗”見成效。\n")
    normalized = 0
    for text in texts:
        for top, evidence in ((10, None), (3, 0), (None, 2)):
            doc = engine.rank_text(text, top=top, evidence=evidence)
            assert doc == json.loads(engine.rank_text_json(text, top=top, evidence=evidence))
            normalized += sum("normalized" in t for t in doc["themes"])
    assert normalized > 0, "a theme written in traditional characters shows its folded text"
    corpus = engine.corpus()
    corpus.add_all((p.name, p.read_text(encoding="utf-8")) for p in real)
    assert corpus.rank(top=5) == json.loads(corpus.rank_json(top=5))


def test_rejections_say_which_rule_kept_a_word_out(engine, seed_docs):
    text = seed_docs[1][1]
    plain = engine.rank_text(text)
    doc = engine.rank_text(text, rejections=True)
    assert "stop_word" not in json.dumps(plain)
    rules = {r["rule"] for r in doc["rejections"]}
    assert {"stop_word", "own_name"} & rules
    for r in doc["rejections"]:
        assert set(r) == {"text", "rule", "mentions", "span"} and r["mentions"] >= 1

    def without_rejections(d):
        d = {k: v for k, v in d.items() if k != "rejections"}
        d["sections"] = [{k: v for k, v in s.items() if k != "rejections"} for s in d["sections"]]
        return d

    assert any("rejections" in s for s in doc["sections"])
    assert without_rejections(doc) == without_rejections(plain), "the themes are the same"
    corpus = engine.corpus()
    corpus.add_all(seed_docs)
    assert json.loads(corpus.rank_json(rejections=True)) == corpus.rank(rejections=True)
    assert corpus.rank_json(rejections=True) + "\n" == rust_themes_json(str(SEEDS), 10, "--rejections")


def test_evidence_points_into_the_text(engine):
    doc = engine.rank_text(CIXI)
    data = CIXI.encode("utf-8")
    themes = [t for s in doc["sections"] for t in s["themes"]] + doc["themes"]
    assert themes
    for t in themes:
        for e in t["evidence"]:
            # Character offsets index the Python string, byte offsets its UTF-8.
            assert CIXI[e["char_start"] : e["char_end"]] == t["text"]
            assert data[e["start"] : e["end"]].decode("utf-8") == t["text"]


def test_corpus_add_returns_the_documents_index(engine):
    corpus = engine.corpus()
    assert corpus.add("a.txt", CIXI) == 0
    assert corpus.add("b.txt", XIANGSHAN) == 1
    assert len(corpus) == 2
    ranking = corpus.rank(top=5)
    assert [d["path"] for d in ranking["documents"]] == ["a.txt", "b.txt"]
    assert 0 < len(ranking["corpus"]["themes"]) <= 5
    assert ranking == json.loads(corpus.rank_json(top=5))


def test_add_all_equals_adding_one_by_one(engine, seed_docs):
    one = engine.corpus()
    for doc_id, text in seed_docs:
        one.add(doc_id, text)
    many = engine.corpus()
    many.add_all(seed_docs)
    assert one.rank_json() == many.rank_json()
    assert one.stats() == many.stats()


def test_a_corpus_of_the_seeds_ranks_as_the_rust_example(engine, seed_docs):
    corpus = engine.corpus()
    corpus.add_all(seed_docs)
    for top in (10, 3):
        assert corpus.rank_json(top=top) + "\n" == rust_themes_json(str(SEEDS), top)


def test_output_is_deterministic_across_threads(engine, seed_docs):
    text = seed_docs[0][1]
    expected = engine.rank_text_json(text)
    results = []

    def work():
        results.append(engine.rank_text_json(text))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4


def test_the_gil_is_released_while_ranking(engine, seed_docs):
    # A Python thread notes the time as it counts while the main thread ranks a large text:
    # it can only run during the ranking if the ranking lets go of the GIL.
    text = "\n\n".join(t for _, t in seed_docs) * 100
    stamps: list[float] = []
    stop = threading.Event()

    def count():
        n = 0
        while not stop.is_set():
            n += 1
            if n % 1000 == 0:
                stamps.append(time.perf_counter())

    counter = threading.Thread(target=count)
    counter.start()
    try:
        time.sleep(0.05)
        started = time.perf_counter()
        engine.rank_text_json(text)
        ended = time.perf_counter()
    finally:
        stop.set()
        counter.join()
    elapsed = ended - started
    assert elapsed > 0.05, "the text should take a while to rank"
    # Away from the ends of the call, where the threads may hand the GIL over.
    inside = [t for t in stamps if started + elapsed / 5 < t < ended - elapsed / 5]
    assert len(inside) > 10, f"the counting thread ran {len(inside)} times in {elapsed:.2f} s of ranking"


def test_the_garbage_collector_is_as_it_was(engine):
    import gc

    assert gc.isenabled()
    engine.rank_text(CIXI)
    assert gc.isenabled()
    gc.disable()
    try:
        engine.rank_text(CIXI)
        engine.corpus().rank()
        assert not gc.isenabled()
    finally:
        gc.enable()
