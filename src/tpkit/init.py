"""Creating a new registry from the built-in examples."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from tpkit import __version__
from tpkit.errors import UsageError
from tpkit.registry import CONFIG_NAME, builtin_dir
from tpkit.schema import json_schema

STANDARDS_README = """\
# Your standards

tpkit ships the four standards (current, accessible, brief, achievable), the scoring bands
and the word lists for Russian and English. A file here is merged key by key over the
built-in file of the same name, so write only what you change. For example, to allow
standards of up to 80 words, create `brief.yaml`:

    rules:
      BRF001: {level: warning, max_words: 80}

and to add a word to the Russian plain-language list, create `lexicon/ru.yaml`:

    plain:
      вышеизложенный: этот

Run `tpkit rules` for every rule and its settings.
"""

GITIGNORE = "out/\n.tpkit_cache/\n"

SCHEMA_KINDS = ("touchpoint", "audit", "config")

# Files for the tools around tpkit (pre-commit, VS Code, GitHub Actions), kept in the package
# without their leading dot, since the package-data globs skip hidden files.
DOT_NAMES = {
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "vscode": ".vscode",
    "github": ".github",
}


def schema_file(kind: str) -> str:
    """What `tpkit schema --kind KIND` prints, for editors to read from schemas/."""
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"


def tool_files() -> dict[Path, str]:
    """The pre-commit, VS Code and GitHub Actions files, by their path in a new registry."""
    source = builtin_dir("init") / "common"
    out: dict[Path, str] = {}
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        first, *rest = path.relative_to(source).parts
        text = path.read_text(encoding="utf-8")
        out[Path(DOT_NAMES.get(first, first), *rest)] = text.replace(
            "{tpkit_requirement}", f"tpkit=={__version__}"
        )
    return out


def create(folder: Path, language: str, name: str, today: dt.date) -> list[str]:
    """Write a new registry into folder; refuses to overwrite anything. Returns what it wrote."""
    folder = folder.expanduser()
    if (folder / CONFIG_NAME).exists():
        raise UsageError(
            f"{folder / CONFIG_NAME} already exists: tpkit init never overwrites",
            ["choose an empty folder: tpkit init NEW-FOLDER"],
        )
    source = builtin_dir("init") / language
    files: dict[Path, str] = {}
    for path in sorted(source.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        text = text.replace("{today}", today.isoformat()).replace("{name}", name.replace('"', "'"))
        files[folder / path.relative_to(source)] = text
    for kind in SCHEMA_KINDS:
        files[folder / "schemas" / f"{kind}.schema.json"] = schema_file(kind)
    for path, text in (
        (folder / "standards" / "README.md", STANDARDS_README),
        (folder / ".gitignore", GITIGNORE),
        *((folder / rel, text) for rel, text in tool_files().items()),
    ):
        if not path.exists():  # kept as they are when the folder has them already
            files[path] = text
    clashes = [str(p) for p in files if p.exists()]
    if clashes:
        raise UsageError("these files already exist and tpkit init never overwrites them", clashes)
    written = []
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path.relative_to(folder).as_posix())
    return written
