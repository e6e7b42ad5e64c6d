"""Creating a new registry from the built-in examples.

The examples of a language (data/init/ru, data/init/en) are a whole registry: tpkit.yaml with
the zones and roles named in both languages and a venue that declares its language, and
touchpoints in that language that name their venue, so that a venue in another language added
later never gets checks it cannot read. standards/README.md is in the same language."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from tpkit import __version__, files
from tpkit.config import CONFIG_NAME, builtin_dir
from tpkit.errors import UsageError
from tpkit.i18n import _
from tpkit.shapes import json_schema

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
            _("{path} already exists: tpkit init never overwrites", path=folder / CONFIG_NAME),
            [_("choose an empty folder: tpkit init NEW-FOLDER")],
        )
    source = builtin_dir("init") / language
    todo: dict[Path, str] = {}
    for path in sorted(p for p in source.rglob("*") if p.suffix in (".yaml", ".md")):
        text = path.read_text(encoding="utf-8")
        text = text.replace("{today}", today.isoformat()).replace("{name}", name.replace('"', "'"))
        todo[folder / path.relative_to(source)] = text
    for kind in SCHEMA_KINDS:
        todo[folder / "schemas" / f"{kind}.schema.json"] = schema_file(kind)
    for path, text in (
        (folder / ".gitignore", GITIGNORE),
        *((folder / rel, text) for rel, text in tool_files().items()),
    ):
        if not os.path.lexists(path):  # kept as they are when the folder has them already
            todo[path] = text
    clashes = [_clash(folder, p) for p in todo]
    if any(clashes):
        raise UsageError(
            _(
                "these files already exist (or are links) and tpkit init never overwrites them, "
                "nor writes through a link"
            ),
            [c for c in clashes if c],
        )
    written: list[str] = []
    for path, text in todo.items():
        try:
            files.write_new(path, text)
        except FileExistsError:
            raise UsageError(
                _("{path} appeared while tpkit init was writing; it was left as it is", path=path),
                [
                    _("written so far: {files}", files=", ".join(written))
                    if written
                    else _("written so far: nothing")
                ],
            ) from None
        written.append(path.relative_to(folder).as_posix())
    return written


def _clash(folder: Path, path: Path) -> str:
    """Why path cannot be written ("" when it can): it is there, as a file or a link (a broken
    link too), or a folder on the way to it is a link."""
    if os.path.lexists(path):
        return _("{path} (a link)", path=path) if path.is_symlink() else str(path)
    for parent in path.relative_to(folder).parents:
        if parent != Path(".") and (folder / parent).is_symlink():
            return _("{path} (the folder {folder} is a link)", path=path, folder=folder / parent)
    return ""
