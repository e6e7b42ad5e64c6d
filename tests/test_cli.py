"""The command line as a user meets it: exit codes, output, no traceback for bad input."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import ROOT, TODAY, TOUCHPOINT, Result, run_process

OLD = TOUCHPOINT.replace("reviewed: 2026-11-01", "reviewed: 2020-01-01")
SOON = TOUCHPOINT.replace("reviewed: 2026-11-01", "reviewed: 2026-06-01")


def test_clean_registry_exits_0_with_a_summary(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_registry({"touchpoints/a.yaml": TOUCHPOINT})
    result = cli("--registry", str(root), "--today", TODAY, "validate")
    assert result.code == 0
    assert "No problems: 1 touchpoint in 1 file checked." in result.out


def test_problems_exit_1_and_name_file_line_column_rule_and_fix(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_registry({"touchpoints/a.yaml": OLD})
    result = cli("--registry", str(root), "--today", TODAY, "validate")
    assert result.code == 1
    assert "touchpoints/a.yaml:5:11: error   CUR001  the review is overdue" in result.out
    assert "→ review the standard with the team, then write reviewed: 2026-11-25" in result.out
    assert result.out.strip().endswith("1 error in 1 file (1 touchpoint in 1 file).")


def test_fail_level_decides_the_exit_code(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_registry({"touchpoints/a.yaml": SOON})  # CUR002 is info
    args = ("--registry", str(root), "--today", TODAY, "validate")
    assert cli(*args).code == 0
    assert cli(*args, "--fail-level", "warning").code == 0
    assert cli(*args, "--fail-level", "info").code == 1


def test_global_options_may_follow_the_command(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_registry({"touchpoints/a.yaml": OLD})
    assert cli("validate", "--registry", str(root), f"--today={TODAY}").code == 1
    assert cli("validate", "--registry", str(root), "--today", "2020-02-01").code == 0


def test_json_output_follows_the_contract(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_registry({"touchpoints/z/a.yaml": OLD, "touchpoints/b.yaml": "id: [\n"})
    result = cli("--registry", str(root), "--today", TODAY, "validate", "--format", "json")
    assert result.code == 1
    data = json.loads(result.out)
    assert data["tool"] == "tpkit" and data["today"] == TODAY and data["version"]
    assert data["summary"] == {"files": 2, "touchpoints": 1, "error": 2, "warning": 0, "info": 0}
    first = data["problems"][0]
    assert set(first) == {
        "path",
        "line",
        "column",
        "rule",
        "standard",
        "level",
        "touchpoint",
        "message",
        "suggestion",
    }
    assert [p["path"] for p in data["problems"]] == ["touchpoints/b.yaml", "touchpoints/z/a.yaml"]
    assert data["problems"][1]["touchpoint"] == "t.case"
    assert data["problems"][1]["standard"] == "current"


def test_paths_on_the_command_line_find_their_registry(
    make_registry: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    root = make_registry(
        {"touchpoints/a.yaml": OLD, "touchpoints/b.yaml": TOUCHPOINT.replace("t.case", "t.b")}
    )
    result = cli("--today", TODAY, "validate", str(root / "touchpoints" / "b.yaml"))
    assert result.code == 0 and "1 touchpoint in 1 file" in result.out


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("validate", "--format", "xml"), "xml"),
        (("--today", "2026-13-01", "validate"), "--today '2026-13-01' is not a date"),
        (("validate", "no/such/file.yaml"), "no such file or folder"),
        (("validate", "--base", "no-such-branch"), "--base no-such-branch"),
        (("rules", "XYZ001"), "no rule XYZ001"),
        (("due", "--within", "soon"), "--within 'soon' is not a period"),
        (("show", "t.cas"), "did you mean: t.case?"),
    ],
)
def test_usage_errors_exit_2_with_a_message(
    make_registry: Callable[..., Path],
    cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    needle: str,
) -> None:
    root = make_registry({"touchpoints/a.yaml": TOUCHPOINT})
    import subprocess

    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "add", "."], check=True)
    subprocess.run(
        [
            "git",
            "-C",
            str(root),
            "-c",
            "user.name=T",
            "-c",
            "user.email=t@t",
            "commit",
            "-qm",
            "start",
        ],
        check=True,
    )
    monkeypatch.chdir(root)
    result = cli(*args)
    assert result.code == 2
    assert needle in result.err
    assert "Traceback" not in result.err + result.out


def test_no_registry_exits_2(
    tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("validate")
    assert result.code == 2
    assert "no tpkit.yaml found" in result.err and "tpkit init" in result.err


def test_a_folder_of_broken_files_exits_1_without_traceback(
    make_registry: Callable[..., Path],
) -> None:
    files: dict[str, str | bytes] = {
        "touchpoints/tab.yaml": "id: t\n\tx: 1\n",
        "touchpoints/bin.yaml": b"\x00\x01\x02\xff",
        "touchpoints/deep.yaml": "a: " + "[" * 5000 + "]" * 5000,
        "touchpoints/py.yaml": "a: !!python/object/apply:os.system [ls]\n",
        "touchpoints/scalar.yaml": "just text\n",
        "touchpoints/ansi.yaml": "id: t.x\ntitle: \x1b[31mred\n",
    }
    root = make_registry(files)
    proc = run_process("--registry", str(root), "--today", TODAY, "validate")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    for name in ("tab", "bin", "deep", "py", "scalar", "ansi"):
        assert f"touchpoints/{name}.yaml:" in proc.stdout
    assert "\x1b" not in proc.stdout


def test_init_creates_a_registry_that_validates_clean(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    for lang in ("ru", "en"):
        folder = tmp_path / lang
        result = cli("--today", TODAY, "init", str(folder), "--language", lang)
        assert result.code == 0 and "tpkit.yaml" in result.out
        check = cli("--registry", str(folder), "--today", TODAY, "validate", "--fail-level", "info")
        assert check.code == 0, check.out
        assert "3 touchpoints in 3 files" in check.out
    again = cli("init", str(tmp_path / "ru"))
    assert again.code == 2 and "never overwrites" in again.err


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it (YAML 1.2): dates stay text."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
MODELINE = "# yaml-language-server: $schema="


def editor_view(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=EditorLoader)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_init_sets_up_editors_with_the_schemas(
    tmp_path: Path, cli: Callable[..., Result], lang: str
) -> None:
    folder = tmp_path / lang
    assert cli("--today", TODAY, "init", str(folder), "--language", lang).code == 0
    for kind in ("touchpoint", "audit", "config"):
        written = json.loads((folder / "schemas" / f"{kind}.schema.json").read_text("utf-8"))
        assert written == json.loads(cli("schema", "--kind", kind).out)
    # the modeline on the first line of every file points at the schema, from where the file is
    files = [*sorted((folder / "touchpoints").rglob("*.yaml")), folder / "tpkit.yaml"]
    assert len(files) == 4
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(MODELINE), path
        schema_path = (path.parent / first.removeprefix(MODELINE)).resolve()
        kind = "config" if path.name == "tpkit.yaml" else "touchpoint"
        assert schema_path == folder / "schemas" / f"{kind}.schema.json"
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        assert list(jsonschema.Draft202012Validator(schema).iter_errors(editor_view(path))) == []
    # VS Code: every pattern of yaml.schemas finds the files of its kind
    settings = json.loads((folder / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    found: dict[str, set[Path]] = {}
    for schema_path, patterns in settings["yaml.schemas"].items():
        assert (folder / schema_path).is_file()
        found[Path(schema_path).name] = {f for pat in patterns for f in folder.glob(pat)}
    assert found["touchpoint.schema.json"] == set(files[:3])
    assert found["config.schema.json"] == {folder / "tpkit.yaml"}
    assert "audit.schema.json" in found
    extensions = json.loads((folder / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert extensions["recommendations"] == ["redhat.vscode-yaml"]


def test_init_sets_up_pre_commit_and_github_actions(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    folder = tmp_path / "reg"
    assert cli("--today", TODAY, "init", str(folder)).code == 0
    config = yaml.safe_load((folder / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    ((hook,),) = [repo["hooks"] for repo in config["repos"]]
    assert hook["entry"] == "tpkit validate" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for path in ("tpkit.yaml", "touchpoints/arrival/greeting.yaml", "audits/main/x.yaml"):
        assert files.search(path), path
    assert not files.search("README.md") and not files.search("schemas/touchpoint.schema.json")

    workflow_path = folder / ".github" / "workflows" / "tpkit.yml"
    checked = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(workflow_path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    workflow = yaml.safe_load(workflow_path.read_text(encoding="utf-8"))
    assert workflow["permissions"]["security-events"] == "write"
    (job,) = workflow["jobs"].values()
    steps = job["steps"]
    runs = [step.get("run", "") for step in steps]
    install = next(i for i, run in enumerate(runs) if "pip install" in run)
    assert "tpkit==0.1.0" in runs[install]
    sarif = runs.index("tpkit validate --format sarif > tpkit.sarif")
    assert steps[sarif]["continue-on-error"] is True
    upload = next(i for i, s in enumerate(steps) if "upload-sarif" in s.get("uses", ""))
    assert steps[upload]["uses"].startswith("github/codeql-action/upload-sarif@")
    assert steps[upload]["with"]["sarif_file"] == "tpkit.sarif"
    assert runs[-1] == "tpkit validate"  # fails the job on errors, with annotations
    assert install < sarif < upload < len(steps) - 1


def test_init_keeps_the_tool_files_a_folder_has_already(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    folder = tmp_path / "repo"
    (folder / ".vscode").mkdir(parents=True)
    (folder / ".vscode" / "settings.json").write_text('{"editor.tabSize": 2}\n', "utf-8")
    (folder / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    result = cli("--today", TODAY, "init", str(folder))
    assert result.code == 0, result.err
    assert (folder / ".vscode" / "settings.json").read_text("utf-8") == '{"editor.tabSize": 2}\n'
    assert (folder / ".pre-commit-config.yaml").read_text("utf-8") == "repos: []\n"
    assert ".vscode/settings.json" not in result.out
    assert (folder / ".github" / "workflows" / "tpkit.yml").is_file()


def test_schema_is_valid_json_schema_that_accepts_the_reference_touchpoints(
    cli: Callable[..., Result],
) -> None:
    result = cli("schema")
    schema = json.loads(result.out)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted((ROOT / "touchpoints").rglob("*.yaml"))
    assert files
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["reviewed"] = str(data["reviewed"])
        errors = list(validator.iter_errors(data))
        assert errors == [], (path, errors[0].message if errors else "")
    bad = yaml.safe_load(TOUCHPOINT) | {"colour": "red", "reviewed": "2026-11-01"}
    assert list(validator.iter_errors(bad))
    config = json.loads(cli("schema", "--kind", "config").out)
    written = yaml.safe_load((ROOT / "tpkit.yaml").read_text(encoding="utf-8"))
    # dates as the editor sees them: text, not the date objects PyYAML makes
    jsonschema.Draft202012Validator(config).validate(json.loads(json.dumps(written, default=str)))


def one_audit_of_each_kind() -> list[Path]:
    """The newest sample audit of each venue and kind: every shape an audit file takes, without
    reading all of them twice over (the samples are many and alike)."""
    newest: dict[tuple[str, str], Path] = {}
    for path in sorted((ROOT / "audits").rglob("*.yaml")):
        newest[(path.parent.name, path.stem.rsplit("-", 1)[-1])] = path
    return sorted(newest.values())


@pytest.mark.parametrize(
    ("kind", "files"),
    [
        ("touchpoint", sorted((ROOT / "touchpoints").rglob("*.yaml"))),
        ("audit", one_audit_of_each_kind()),
        ("config", [ROOT / "tpkit.yaml"]),
    ],
)
def test_schemas_accept_the_reference_files_as_an_editor_reads_them(
    cli: Callable[..., Result], kind: str, files: list[Path]
) -> None:
    schema = json.loads(cli("schema", "--kind", kind).out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    # only keywords that draft-07 knows too: the language servers of editors speak draft-07
    jsonschema.Draft7Validator.check_schema(schema)
    assert files
    for validator in (jsonschema.Draft202012Validator(schema), jsonschema.Draft7Validator(schema)):
        for path in files:
            errors = [e.message for e in validator.iter_errors(editor_view(path))]
            assert errors == [], (path, errors)


def described(node: Any, where: str = "") -> list[str]:
    """Every key an editor offers, with the help text it shows."""
    out = []
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            out.append(f"{where}{name}: {prop.get('description', '')}")
        for key, value in node.items():
            out += described(value, f"{where}{key}." if key == "properties" else where)
    elif isinstance(node, list):
        for value in node:
            out += described(value, where)
    return out


def test_schemas_explain_every_key_and_refuse_mistakes(cli: Callable[..., Result]) -> None:
    schemas = {k: json.loads(cli("schema", "--kind", k).out) for k in ("touchpoint", "audit")}
    for kind, schema in schemas.items():
        assert schema["title"] and schema["description"]
        for line in described(schema):
            assert len(line.split(": ", 1)[1]) >= 10, (kind, line)  # a phrase, not a blank
    touchpoint = jsonschema.Draft202012Validator(schemas["touchpoint"])
    good = yaml.load(TOUCHPOINT, Loader=EditorLoader)
    assert list(touchpoint.iter_errors(good)) == []
    mistakes = {
        "an unknown key": {**good, "colour": "red"},
        "an unknown key in a check": {**good, "checks": [{"id": "c1", "text": "x", "wieght": 2}]},
        "a missing key": {k: v for k, v in good.items() if k != "owner"},
        "a channel that does not exist": {**good, "channel": "pigeon"},
        "a date written the other way": {**good, "reviewed": "01.11.2026"},
        "a bad id": {**good, "id": "Restaurant Greeting"},
        "no checks": {**good, "checks": []},
    }
    for what, data in mistakes.items():
        assert list(touchpoint.iter_errors(data)), what


def test_rules_lists_the_catalogue_and_explains_one(cli: Callable[..., Result]) -> None:
    listing = cli("rules")
    assert listing.code == 0
    for code in ("TP001", "CUR004", "ACC003", "BRF005", "ACH003"):
        assert code in listing.out
    one = cli("rules", "acc003")
    assert one.code == 0
    assert "ACC003  accessible · error" in one.out
    assert "Bad:" in one.out and "Good:" in one.out and "Я не знаю" in one.out


def test_list_show_and_due(make_registry: Callable[..., Path], cli: Callable[..., Result]) -> None:
    root = make_registry(
        {
            "touchpoints/a.yaml": SOON,
            "touchpoints/b.yaml": OLD.replace("t.case", "t.old").replace(
                "zone: arrival", "zone: before"
            ),
        }
    )
    base = ("--registry", str(root), "--today", TODAY)
    listing = cli(*base, "list")
    assert listing.code == 0
    assert listing.out.index("t.old") < listing.out.index("t.case")  # journey order
    assert "2 touchpoints." in listing.out
    assert [t["id"] for t in json.loads(cli(*base, "list", "--json").out)] == ["t.old", "t.case"]
    assert "t.case" not in cli(*base, "list", "--zone", "before").out
    shown = cli(*base, "show", "t.case")
    assert shown.code == 0
    assert "Гостя встречают у входа." in shown.out and "t.case/c1" in shown.out
    due = cli(*base, "due")
    assert due.code == 0
    assert due.out.index("b.yaml") < due.out.index("a.yaml")  # oldest first, by title and file
    assert "Встреча" in due.out and "t.case" not in due.out
    assert "2 reviews due, 1 overdue." in due.out


def test_list_and_due_name_zones_and_roles_as_tpkit_yaml_titles_them(
    make_registry: Callable[..., Path], cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "300")
    root = make_registry({"touchpoints/a.yaml": OLD})
    base = ("--registry", str(root), "--today", TODAY)
    row = next(line for line in cli(*base, "list").out.splitlines() if "t.case" in line)
    assert "Arrival" in row and "arrival" not in row  # the title given in English
    assert "Хостес" in row and "host" not in row  # a title written once, in every language
    due = next(line for line in cli(*base, "due").out.splitlines() if "a.yaml" in line)
    assert "Хостес" in due and "host" not in due and "Встреча" in due


def test_a_narrow_terminal_gets_whole_words_and_one_venue_its_language(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TPKIT_LANG")
    monkeypatch.setenv("COLUMNS", "80")
    ref = ("--registry", str(ROOT), "--today", "2026-12-01")
    due = cli(*ref, "due", "--within", "60d").out
    assert "Директор по сервису" in due and "Файл" not in due  # no column squeezed to nothing
    listing = cli(*ref, "list", "--zone", "before").out
    assert "Оператор" in listing and "бронирования" in listing and "бронировани\n" not in listing
    hotel = cli(*ref, "list", "--venue", "harbour").out  # the hotel's touchpoints, in English
    assert "Zone" in hotel and "touchpoints." in hotel and "Зона" not in hotel


def test_version(cli: Callable[..., Result]) -> None:
    assert cli("--version").out.strip() == "tpkit 0.1.0"
    proc = run_process("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == "tpkit 0.1.0"


def test_a_file_kept_outside_the_registry_is_explained_from_the_current_registry(
    make_registry: Callable[..., Path],
    cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    root = make_registry({"touchpoints/a.yaml": TOUCHPOINT})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "visit.yaml").write_text("venue: nevsky\n", encoding="utf-8")
    monkeypatch.chdir(root)
    result = cli("--today", TODAY, "validate", str(elsewhere / "visit.yaml"))
    assert result.code == 2
    assert f"outside the registry in {root}" in result.err  # not "no tpkit.yaml found"
    assert "tpkit audit score FILE" in result.err
