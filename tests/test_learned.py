"""The learned stance classifier: labelled sentences from gold files, reproducible training, and
the extractor's use of a model directory. Every text here was written for these tests."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from spacy.language import Language

from parley.extract import Extractor
from parley.extract.learned import ANY, META, STANCE, STANCE_RULE_ID, StanceClassifier, stance_classifier
from parley.extract.rows import ArticleInput
from parley.extract.sentences import sentences
from training.dataset import label_sentences, load
from training.train import LABELS, write_stance

MEETING = "Foreign Minister Ana Duarte of Portugal held talks with Norwegian Foreign Minister Erik Lund in Lisbon on Tuesday."
CONCERN = "Duarte voiced deep unease about rising fish prices and pressed Oslo to lift its quotas."
AGREED = "The two ministers agreed to hold a second round of talks in June."
WEATHER = "The weather in Lisbon was mild and the harbour was busy."

# A second article, so that the training set has a few more sentences of each kind.
OTHER = [
    "Trade Minister Lea Moser of Austria met Czech Trade Minister Jan Novak in Vienna on Monday.",
    "Moser stressed that the rail link must open on time.",
    "Novak welcomed the plan for a joint customs office.",
    "The city hall was lit in the colours of both flags.",
    "Traffic in the old town was slow all afternoon.",
]


def write_set(root: Path, name: str, sents: list[str], positions: list[dict], agreements: list[dict]) -> None:
    """One article file under root/articles and its gold file under root/gold."""
    (root / "articles").mkdir(parents=True, exist_ok=True)
    (root / "gold").mkdir(parents=True, exist_ok=True)
    body = "---\ntitle: Talks\npublished: 2024-03-05\n---\n" + " ".join(sents) + "\n"
    (root / "articles" / f"{name}.txt").write_text(body, encoding="utf-8")
    gold = {"file": f"{name}.txt", "positions": positions, "agreements": agreements}
    (root / "gold" / f"{name}.json").write_text(json.dumps(gold), encoding="utf-8")


@pytest.fixture(scope="module")
def gold_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("set")
    write_set(
        root,
        "lisbon",
        [MEETING, CONCERN, AGREED, WEATHER],
        [
            {"holder_country": "PRT", "stance": "concern", "evidence": CONCERN},
            {"holder_country": "PRT", "stance": "demand", "evidence": CONCERN},
        ],
        [{"parties": ["NOR", "PRT"], "status": "agreed", "evidence": AGREED}],
    )
    write_set(
        root,
        "vienna",
        OTHER,
        [
            {"holder_country": "AUT", "stance": "statement", "evidence": OTHER[1]},
            {"holder_country": "CZE", "stance": "support", "evidence": OTHER[2]},
        ],
        [],
    )
    return root / "gold"


@pytest.fixture(scope="module")
def model_dir(gold_dir: Path, nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("models")
    write_stance(load([gold_dir], nlp), out / STANCE)
    return out


def test_sentences_are_labelled_with_the_stances_and_statuses_of_their_gold_rows(gold_dir, nlp):
    articles = {a.name: a for a in load([gold_dir], nlp)}
    lisbon = articles["lisbon.json"]
    stances = {s.text.strip(): labels for s, labels in zip(lisbon.sents, lisbon.stances, strict=True)}
    statuses = {s.text.strip(): labels for s, labels in zip(lisbon.sents, lisbon.agreements, strict=True)}
    assert stances == {
        MEETING: frozenset(),
        CONCERN: {"concern", "demand"},
        AGREED: frozenset(),
        WEATHER: frozenset(),
    }
    assert statuses[AGREED] == {"agreed"} and statuses[CONCERN] == frozenset()


def test_a_short_line_sharing_words_with_the_evidence_is_not_labelled(nlp):
    """ "Lund said." shares all its words with the evidence, but the evidence is the next sentence."""
    doc = nlp("Lund said.\nLund said the quotas would stay until the autumn review.\n")
    sents = sentences(doc)
    row = {"stance": "statement", "evidence": "Lund said the quotas would stay until the autumn review."}
    assert label_sentences(sents, [row], "stance") == [frozenset(), {"statement"}]


def test_training_is_reproducible_and_the_model_scores(gold_dir, model_dir, nlp, tmp_path):
    write_stance(load([gold_dir], nlp), tmp_path / STANCE)
    for part in ("textcat_multilabel/model", META):
        assert (tmp_path / STANCE / part).read_bytes() == (model_dir / STANCE / part).read_bytes()
    assert not (model_dir / STANCE / "vocab").exists()  # no word list of the training text ships

    model = StanceClassifier.load(model_dir / STANCE)
    assert model.meta["articles"] == 2 and model.meta["sentences_with_stance"] == 3
    doc = nlp(" ".join(OTHER))
    scores = model.scores(sentences(doc))
    assert len(scores) == len(OTHER) and all(set(s) == set(LABELS) for s in scores)
    assert all(0.0 <= v <= 1.0 for s in scores for v in s.values())
    # it learnt something: a trained stance sentence outscores trained filler
    assert scores[1][ANY] > scores[4][ANY] and scores[2][ANY] > scores[3][ANY]


def test_without_a_model_directory_the_extractor_runs_on_rules(tmp_path, monkeypatch):
    monkeypatch.setenv("PARLEY_MODELS", str(tmp_path / "absent"))
    assert stance_classifier() is None


def test_the_extractor_adds_model_positions_where_no_rule_fired(model_dir, nlp, monkeypatch, tmp_path):
    # A threshold of 0 makes the model speak on every sentence the rules leave alone, so the test
    # checks the wiring (holder, evidence, rule id), not the quality of a model trained on 9 sentences.
    shutil.copytree(model_dir, tmp_path / "models")
    meta_path = tmp_path / "models" / STANCE / META
    meta_path.write_text(json.dumps({**json.loads(meta_path.read_text()), "threshold": 0.0}))
    monkeypatch.setenv("PARLEY_MODELS", str(tmp_path / "models"))
    musing = "Lund mused on the long history of the two fishing fleets."
    text = f"{MEETING} Duarte expressed concern about rising fish prices. {musing}"
    found = Extractor(nlp).extract(ArticleInput(text=text, published=dt.date(2024, 3, 5)))

    by_model = [p for p in found.positions if p.rule_id == STANCE_RULE_ID]
    by_rules = [p for p in found.positions if p.rule_id != STANCE_RULE_ID]
    assert [p.holder_country for p in by_model if p.evidence.text == musing] == ["NOR"]
    assert [(p.stance, p.holder_country) for p in by_rules] == [("concern", "PRT")]
    assert by_rules[0].rule_id.startswith("stance/")
    assert all(text[p.evidence.start : p.evidence.end] == p.evidence.text for p in found.positions)
    assert not any(p.evidence.text.startswith("Duarte expressed") for p in by_model)
