"""Entity edits across files: planned (a preview of what changes in which file), then applied."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from annotating import ARTICLE, HERE, copy_corpus
from relgraph.annotate import entities
from relgraph.annotate.registry import RegistryEditError
from relgraph.api import check
from relgraph.corpus import rejections

STUBS = HERE / "stubs"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_corpus(STUBS, tmp_path / "corpus")


def files_of(plan: entities.Plan, root: Path) -> dict[str, list[str]]:
    return {f["path"]: f["changes"] for f in plan.as_json(root)["files"]}


def test_deleting_a_garbage_stub_removes_every_reference(root: Path) -> None:
    assert len(check(root).problems) == 6  # 'the' is a Project named everywhere
    before = {p: p.read_bytes() for p in root.rglob("*.yaml")}
    plan = entities.plan(root, "delete", "the")
    assert {p: p.read_bytes() for p in root.rglob("*.yaml")} == before  # a preview writes nothing
    changes = files_of(plan, root)
    assert changes[f"articles/{ARTICLE}.yaml"] == [
        "dateline: the removed",
        "role r02: the removed",
        "claim c02: the removed",
        "claim c03: deleted (it names the)",
        "claim c04: the removed",
    ]
    assert changes["entities.yaml"] == ["the removed; country of talks_hall: the -> (none)"]
    assert plan.problems_before == 5 and plan.problems_after == 0
    entities.apply(plan)
    report = check(root)
    assert report.ok, report.problems
    text = (root / "articles" / f"{ARTICLE}.yaml").read_text(encoding="utf-8")
    assert "participants: [lavrov, ri_yong_ho]" in text and "host:" not in text
    assert "#   the: Project" not in text and "#   s_lavrov: Person" in text
    assert "id: the\n" not in (root / "entities.yaml").read_text(encoding="utf-8")
    # the deleted claim is remembered: drafting again does not propose it (nor its stub)
    assert [m["id"] for m in rejections.read(root, ARTICLE)] == ["c03"]


def test_merging_a_stub_moves_its_names_and_references(root: Path) -> None:
    plan = entities.plan(root, "merge", "s_lavrov", "lavrov")
    changes = files_of(plan, root)
    assert changes[f"articles/{ARTICLE}.yaml"] == [
        "role r01: s_lavrov -> lavrov",
        "claim c01: s_lavrov -> lavrov",
    ]
    entities.apply(plan)
    registry = (root / "entities.yaml").read_text(encoding="utf-8")
    assert "aliases: [Lavrov, Sergey Lavrov, S. Lavrov, Sergei V. Lavrov]" in registry
    assert "s_lavrov" not in registry
    article = (root / "articles" / f"{ARTICLE}.yaml").read_text(encoding="utf-8")
    assert "s_lavrov" not in article and "entity: lavrov\n" in article
    assert len(check(root).problems) == 6  # the other stub is still there: merging fixes no more


def test_merging_participants_into_one_makes_a_subject(root: Path) -> None:
    entities.apply(entities.plan(root, "merge", "the", "ri_yong_ho"))
    text = (root / "articles" / f"{ARTICLE}.yaml").read_text(encoding="utf-8")
    assert "participants: [lavrov, ri_yong_ho]" in text
    assert "host: ri_yong_ho" in text and "asserted_by: ri_yong_ho" in text


@pytest.mark.parametrize(
    ("action", "value", "line"),
    [
        ("rename", "Sergei Viktorovich Lavrov", "    name: Sergei Viktorovich Lavrov\n"),
        ("retype", "Organization", "    type: Organization\n"),
        ("country", "russia", "    country: russia\n"),
        ("alias", "Lavrov S.", "    aliases: [Sergei V. Lavrov, Lavrov S.]\n"),
    ],
)
def test_one_line_edits_touch_one_line(root: Path, action: str, value: str, line: str) -> None:
    before = (root / "entities.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    plan = entities.plan(root, action, "s_lavrov", value)
    assert [f.path.name for f in plan.files] == ["entities.yaml"]
    entities.apply(plan)
    after = (root / "entities.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    assert line in after
    diff = [d for d in difflib.ndiff(before, after) if d[:1] in "+-"]
    assert diff[-1] == "+ " + line and len(diff) == (1 if action == "country" else 2)


def test_bad_edits_are_refused_with_check_s_message(root: Path) -> None:
    with pytest.raises(RegistryEditError, match="unknown entity 'nobody'"):
        entities.plan(root, "delete", "nobody")
    with pytest.raises(RegistryEditError, match="unknown type 'Thing'"):
        entities.plan(root, "retype", "the", "Thing")
    with pytest.raises(RegistryEditError, match="outlet"):
        entities.plan(root, "delete", "xinhua")
    with pytest.raises(RegistryEditError, match="Lavrov"):  # an alias another entity holds
        entities.plan(root, "alias", "s_lavrov", "Lavrov")
    with pytest.raises(RegistryEditError, match="into itself"):
        entities.plan(root, "merge", "the", "the")


def test_a_file_changed_after_the_preview_is_not_overwritten(root: Path) -> None:
    plan = entities.plan(root, "delete", "the")
    path = root / "articles" / f"{ARTICLE}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# edited meanwhile\n", encoding="utf-8")
    registry = (root / "entities.yaml").read_bytes()
    with pytest.raises(entities.StalePlan):
        entities.apply(plan)
    assert (root / "entities.yaml").read_bytes() == registry
    assert "# edited meanwhile" in path.read_text(encoding="utf-8")


def test_an_applied_edit_is_undone_byte_for_byte(root: Path) -> None:
    from relgraph.annotate.session import Annotator

    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    app = Annotator(root)
    done = app.entity_apply("delete", "the")
    assert (root / "rejected").is_dir()
    app.entity_undo(done["undo"])
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert after == before


def test_retyping_shows_check_on_the_articles_that_name_it(root: Path) -> None:
    plan = entities.plan(root, "retype", "the", "Country")  # 'the' as a Country fits more slots
    assert plan.problems_before == 5 and plan.problems_after < 5
    assert [f.path.name for f in plan.files] == ["entities.yaml"]
