"""Records from validated data (`load.assemble`): the registry from its files, the corpus with
its reports in project and period order and the registry's own files left out."""

from __future__ import annotations

from pathlib import Path

from site_builder.load.assemble import build_corpus, build_registry
from site_builder.load.tree import SubmissionsTree


def test_registry_and_corpus_from_valid_data(tmp_path: Path):
    registry = build_registry(
        {
            "cities": {
                "province": {"team": "province", "maintainers": ["a"]},
                "cities": [{"id": "taiyuan", "name": "太原市", "reviewer_team": "ty"}],
            },
            "policy": None,
            "adjustments": {
                "decisions": [
                    {
                        "project": "p1",
                        "date": "2022-03-01",
                        "decision": "warn",
                        "document_no": "示例〔2022〕1号",
                        "reason": "逾期",
                    }
                ]
            },
        }
    )
    assert registry.city_name("taiyuan") == "太原市" and registry.maintainers == ["a"]
    assert registry.decisions[0].date.isoformat() == "2022-03-01"

    tree = SubmissionsTree(tmp_path)
    later = tree.classify(tmp_path / "submissions/projects/p1/2021-Q2.yaml")
    earlier = tree.classify(tmp_path / "submissions/projects/p1/2021-Q1.yaml")
    cities = tree.classify(tmp_path / "submissions/registry/cities.yaml")
    corpus = build_corpus(
        tmp_path,
        registry,
        [(later, {"kind": "enterprise"}), (cities, {}), (earlier, {"kind": "enterprise"})],
    )
    assert [r.period.stem for r in corpus.reports] == ["2021-Q1", "2021-Q2"]
    assert corpus.projects == {} and corpus.registry is registry
