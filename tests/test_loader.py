"""Reading files: positions kept, duplicate keys seen, hostile input refused, never a crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tpkit.loader import parse_bytes, read_file
from tpkit.yaml_compose import Limits, parse_text


def rules_of(doc: object) -> list[str]:
    return [p.rule for p in doc.problems]  # type: ignore[attr-defined]


def test_every_value_keeps_its_line_and_column() -> None:
    doc = parse_text("id: t.one\nchecks:\n  - id: c1\n    text: Поздоровались\n")
    assert doc.root is not None
    check = doc.root.value["checks"].value[0]
    assert (check.line, check.column) == (3, 5)
    text = check.value["text"]
    assert (text.line, text.column, text.value) == (4, 11, "Поздоровались")
    assert doc.root.keys["checks"] == (2, 1)


def test_scalars_are_typed_like_yaml_but_nothing_is_constructed() -> None:
    doc = parse_text("a: 2026-11-01\nb: 2\nc: 1.5\nd: true\ne: null\nf: '2'\ng: 2026-13-45\n")
    assert doc.root is not None
    values = doc.root.plain()
    assert str(values["a"]) == "2026-11-01" and values["b"] == 2 and values["c"] == 1.5
    assert values["d"] is True and values["e"] is None and values["f"] == "2"
    assert values["g"] == "2026-13-45"  # an impossible date stays text, reported by the schema


def test_duplicate_keys_are_reported_at_the_second_key() -> None:
    doc = parse_text("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n")
    dups = [(p.line, p.column) for p in doc.problems if p.rule == "TP004"]
    assert dups == [(4, 3), (5, 1)]
    assert "first on line 3" in doc.problems[0].message


def test_unsafe_tags_are_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f'a: !!python/object/apply:os.system ["touch {marker}"]\n'
    doc = parse_text(text)
    assert rules_of(doc) == ["TP006"]
    assert "!!python/object/apply:os.system" in doc.problems[0].message
    assert not marker.exists()


@pytest.mark.parametrize("tag", ["!!python/name:os.system", "!custom 1", "!!binary aGk="])
def test_other_tags_are_refused(tag: str) -> None:
    assert rules_of(parse_text(f"a: {tag}\n")) == ["TP006"]


def test_bom_and_crlf_are_accepted() -> None:
    data = "\ufeffid: t.one\r\ntitle: Встреча\r\n".encode()
    doc = parse_bytes(data, "x.yaml")
    assert doc.problems == []
    assert doc.root is not None and doc.root.plain() == {"id": "t.one", "title": "Встреча"}


@pytest.mark.parametrize(
    ("encoding", "guess"), [("cp1251", "Windows-1251"), ("latin-1", "Latin-1")]
)
def test_other_encodings_are_reported_at_the_first_bad_byte(encoding: str, guess: str) -> None:
    text = "id: t.one\ntitle: Встреча\n" if encoding == "cp1251" else "id: t\ntitle: Café\n"
    doc = parse_bytes(text.encode(encoding), "x.yaml")
    assert rules_of(doc) == ["TP006"]
    problem = doc.problems[0]
    assert problem.line == 2 and guess in problem.message
    assert "UTF-8" in problem.suggestion


def test_binary_with_nul_bytes_is_reported() -> None:
    doc = parse_bytes(b"id: t\x00\x01\x02\xff\xfe", "x.yaml")
    assert rules_of(doc) == ["TP006"]


def test_a_file_over_the_size_limit_is_not_parsed(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 2000 + "\n")
    doc = read_file(path, Limits(max_bytes=1000))
    assert rules_of(doc) == ["TP006"] and "larger than" in doc.problems[0].message


def test_long_text_under_the_limit_is_read() -> None:
    doc = parse_text("a: " + "слово " * 50_000 + "\n")
    assert doc.problems == [] and doc.root is not None


def test_deep_nesting_stops_at_the_limit() -> None:
    doc = parse_text("a: " + "[" * 20_000 + "]" * 20_000 + "\n")
    assert rules_of(doc) == ["TP006"]
    deep_block = "".join(" " * i + f"k{i}:\n" for i in range(150)) + " " * 150 + "v: 1\n"
    assert rules_of(parse_text(deep_block)) == ["TP006"]


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        lines.append(
            f"{chr(ord('a') + i)}: &{chr(ord('a') + i)} [" + ", ".join([f"*{prev}"] * 9) + "]"
        )
    doc = parse_text("\n".join(lines) + "\n")
    assert rules_of(doc) == ["TP006"]
    assert "aliases" in doc.problems[0].message


def test_a_few_aliases_are_fine() -> None:
    doc = parse_text("a: &x {k: 1}\nb: *x\n")
    assert doc.problems == [] and doc.root is not None
    assert doc.root.plain() == {"a": {"k": 1}, "b": {"k": 1}}


@pytest.mark.parametrize("text", ["", "# only a comment\n"])
def test_an_empty_file_has_no_root(text: str) -> None:
    doc = parse_text(text)
    assert doc.root is None and doc.problems == []


def test_several_documents_are_reported() -> None:
    doc = parse_text("a: 1\n---\nb: 2\n")
    assert rules_of(doc) == ["TP001"] and doc.problems[0].line == 2


def test_syntax_errors_name_line_column_and_a_fix() -> None:
    doc = parse_text("id: t\ntitle: Встреча: у входа\n")
    problem = doc.problems[0]
    assert (problem.rule, problem.line, problem.column) == ("TP001", 2, 15)
    assert "quotes" in problem.suggestion


def test_a_folder_named_like_a_file_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "x.yaml"
    folder.mkdir()
    doc = read_file(folder)
    assert rules_of(doc) == ["TP006"] and "folder" in doc.problems[0].message


def test_a_dangling_link_is_reported(tmp_path: Path) -> None:
    link = tmp_path / "loop.yaml"
    link.symlink_to(tmp_path / "loop.yaml")
    doc = read_file(link)
    assert rules_of(doc) == ["TP006"]


def test_an_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("a: 1\n")
    path.chmod(0)
    if os.geteuid() == 0:  # root reads every file: make the refusal happen as it would

        def refuse(*_: object, **__: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr("tpkit.loader.open", refuse, raising=False)
    doc = read_file(path)
    assert rules_of(doc) == ["TP006"] and "permission" in doc.problems[0].message
