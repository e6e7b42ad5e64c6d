"""Creating a new registry from the built-in examples."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from tpkit import __version__, files
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

# Lock files stay beside what they lock: one deleted while another session waits on it
# would let two sessions in at once.
GITIGNORE = "out/\n.tpkit_cache/\n.*.lock\n"

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
    """Write a new registry into folder; refuses to overwrite anything, and to write through a
    link (even a broken one) or into a folder that is a link. Returns what it wrote."""
    folder = folder.expanduser()
    if os.path.lexists(folder / CONFIG_NAME):
        raise UsageError(
            f"{folder / CONFIG_NAME} already exists: tpkit init never overwrites",
            ["choose an empty folder: tpkit init NEW-FOLDER"],
        )
    source = builtin_dir("init") / language
    todo: dict[Path, str] = {}
    for path in sorted(source.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        text = text.replace("{today}", today.isoformat()).replace("{name}", name.replace('"', "'"))
        todo[folder / path.relative_to(source)] = text
    for kind in SCHEMA_KINDS:
        todo[folder / "schemas" / f"{kind}.schema.json"] = schema_file(kind)
    for path, text in (
        (folder / "standards" / "README.md", STANDARDS_README),
        (folder / ".gitignore", GITIGNORE),
        *((folder / rel, text) for rel, text in tool_files().items()),
    ):
        if not os.path.lexists(path):  # kept as they are when the folder has them already
            todo[path] = text
    clashes = [_clash(folder, p) for p in todo]
    if any(clashes):
        raise UsageError(
            "these files already exist (or are links) and tpkit init never overwrites them, "
            "nor writes through a link",
            [c for c in clashes if c],
        )
    written: list[str] = []
    for path, text in todo.items():
        try:
            files.write_new(path, text)
        except FileExistsError:
            raise UsageError(
                f"{path} appeared while tpkit init was writing; it was left as it is",
                [f"written so far: {', '.join(written) or 'nothing'}"],
            ) from None
        written.append(path.relative_to(folder).as_posix())
    return written


def _clash(folder: Path, path: Path) -> str:
    """Why path cannot be written ("" when it can): it is there, as a file or a link (a broken
    link too), or a folder on the way to it is a link."""
    if os.path.lexists(path):
        return str(path) + (" (a link)" if path.is_symlink() else "")
    for parent in path.relative_to(folder).parents:
        if parent != Path(".") and (folder / parent).is_symlink():
            return f"{path} (the folder {folder / parent} is a link)"
    return ""
