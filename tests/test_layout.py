"""Which files make a corpus, and in which order."""

from __future__ import annotations

from pathlib import Path

from relgraph.corpus.layout import article_names, article_path, article_paths


def test_yaml_files_by_name_then_yml(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("b.yaml", "c.yml", "a.yml", "a.yaml", "notes.txt", "B.yaml", "x.yaml.bak"):
        (folder / name).write_text("")
    assert article_names(tmp_path) == ["B.yaml", "a.yaml", "b.yaml", "a.yml", "c.yml"]
    assert article_paths(tmp_path) == [folder / n for n in article_names(tmp_path)]


def test_no_articles_folder_means_no_articles(tmp_path: Path) -> None:
    assert article_names(tmp_path) == []
    (tmp_path / "articles").write_text("not a folder")
    assert article_names(tmp_path) == []


def test_article_path_prefers_yaml(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "only.yml").write_text("")
    (folder / "both.yml").write_text("")
    (folder / "both.yaml").write_text("")
    assert article_path(tmp_path, "only") == folder / "only.yml"
    assert article_path(tmp_path, "both") == folder / "both.yaml"
    assert article_path(tmp_path, "gone") == folder / "gone.yaml"  # the name a message shows
