"""Creating a new registry from the built-in examples."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tpkit.errors import UsageError
from tpkit.registry import CONFIG_NAME, builtin_dir

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
    for path, text in (
        (folder / "standards" / "README.md", STANDARDS_README),
        (folder / ".gitignore", GITIGNORE),
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
