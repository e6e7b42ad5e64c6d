"""A registry's settings: where its root is, tpkit.yaml, the standards files (merged over the
built-in ones), the limits of reading, and the Registry they make up with the touchpoints."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from tpkit import shapes
from tpkit.errors import RegistryError
from tpkit.i18n import N_, _, n_
from tpkit.lexicon import Lexicon, compile_lexicon, merge_lexicon
from tpkit.loader import read_file
from tpkit.model import Config, Item, Key, Positions, Problem, Touchpoint, Waiver
from tpkit.schema.base import Type
from tpkit.schema.compound import Obj
from tpkit.yaml_compose import DEFAULT_LIMITS, Limits
from tpkit.yaml_nodes import Node

CONFIG_NAME = "tpkit.yaml"
STANDARD_FILES = ("current", "accessible", "brief", "achievable", "scoring")
LEXICON_LANGUAGES = ("ru", "en")
YAML_SUFFIXES = (".yaml", ".yml")


def builtin_dir(name: str) -> Path:
    """A folder of the package's built-in data: 'standards' or 'templates'."""
    return Path(str(resources.files("tpkit") / "data" / name))


def find_root(registry: str | os.PathLike[str] | None = None, start: Path | None = None) -> Path:
    """--registry DIR, else the nearest folder with tpkit.yaml walking up from the current one."""
    if registry is not None:
        root = Path(registry).expanduser()
        if not _has_config(root):
            raise RegistryError(
                _("{path}: no {name} in this folder", path=root, name=CONFIG_NAME),
                [
                    _(
                        "create one with 'tpkit init', or point --registry at the "
                        "folder that holds tpkit.yaml"
                    )
                ],
            )
        return root.resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if _has_config(folder):
            return folder
    raise RegistryError(
        _("no {name} found in {path} or any folder above it", name=CONFIG_NAME, path=here),
        [_("run tpkit inside a registry, pass --registry DIR, or create one with 'tpkit init'")],
    )


def _has_config(folder: Path) -> bool:
    """A tpkit.yaml that is a folder or a broken link is found, then reported (exit 2)."""
    return os.path.lexists(folder / CONFIG_NAME)


def _config_error(path: str | Path, issues: list[tuple[int, int, str, str]]) -> RegistryError:
    lines = [
        f"{path}:{line}:{col}: {msg}" + (f" — {hint}" if hint else "")
        for line, col, msg, hint in issues
    ]
    return RegistryError(
        n_(
            "{path} has {n} problem; fix it before tpkit can check anything",
            "{path} has {n} problems; fix it before tpkit can check anything",
            len(issues),
            path=path,
        ),
        lines,
    )


def read_yaml(
    path: Path, spec: Type | None = None, *, shown: str | Path | None = None
) -> tuple[Any, Positions]:
    """A settings file (tpkit.yaml, standards, labels): any problem is a RegistryError (exit
    2), named `shown` (default: the path). With a spec: the values as the spec reads them and
    their positions. Without one, the file is checked against the shape its place gives it
    (templates/labels/<lang>.yaml: the labels) and returned as written, with the position of
    every value and every key (`end`)."""
    doc = read_file(path)
    name = shown or path
    issues = [(p.line, p.column, p.message, p.suggestion) for p in doc.problems]
    if doc.root is None and not issues:
        issues.append((1, 1, _("the file is empty"), _("write its settings")))
    if issues:
        raise _config_error(name, issues)
    assert doc.root is not None
    if spec is None:
        shape = shape_of(path)
        if shape is not None:
            _data, _pos, found = shapes.read(shape, doc.root)
            if found:
                raise _config_error(
                    name, [(i.line, i.column, i.message, i.suggestion) for i in found]
                )
        return doc.root.plain(), node_positions(doc.root)
    data, pos, found = shapes.read(spec, doc.root)
    if found or data is None:
        raise _config_error(name, [(i.line, i.column, i.message, i.suggestion) for i in found])
    return data, pos


def shape_of(path: Path) -> Obj | None:
    """The shape a settings file has by where it is: standards/<name>.yaml,
    standards/lexicon/<lang>.yaml, templates/labels/<lang>.yaml; None elsewhere."""
    parent = path.parent.name
    if parent == "labels":
        return shapes.LABELS
    if parent == "lexicon" and path.parent.parent.name == "standards":
        return shapes.LEXICON
    if parent == "standards" and path.stem in STANDARD_FILES:
        return shapes.standards_shape(path.stem)
    return None


def node_positions(root: Node) -> Positions:
    """The line and column of every value under root, by its key path (a file read without a
    schema keeps them this way); `end` holds where each key of a mapping is written."""
    pos = Positions()
    todo: list[tuple[Key, Node]] = [((), root)]
    while todo:
        key, node = todo.pop()
        pos.at[key] = (node.line, node.column)
        if isinstance(node.value, dict):
            todo.extend(((*key, k), v) for k, v in node.value.items())
            pos.end.update(((*key, k), at) for k, at in node.keys.items())
        elif isinstance(node.value, list):
            todo.extend(((*key, i), v) for i, v in enumerate(node.value))
    return pos


def _item(data: dict[str, Any], default_lang: str = "") -> Item:
    title = data["title"]
    titles = dict(title) if isinstance(title, dict) else {}
    plain = title if isinstance(title, str) else next(iter(titles.values()), data["id"])
    if default_lang and default_lang in titles:
        plain = titles[default_lang]
    return Item(
        data["id"],
        plain,
        titles,
        data.get("language", ""),
        data.get("kind", ""),
        bool(data.get("competitor", False)),
        str(data.get("compare_with", "")),
    )


_TWICE = {
    "zones": N_("the zone id '{id}' is listed twice"),
    "roles": N_("the role id '{id}' is listed twice"),
    "venues": N_("the venue id '{id}' is listed twice"),
}


def _compared(venues: list[dict[str, Any]], pos: Any) -> list[tuple[int, int, str, str]]:
    """A competitor's `compare_with` names an own venue; only a competitor has one."""
    own = [v["id"] for v in venues if not v.get("competitor")]
    issues = []
    for i, v in enumerate(venues):
        other = v.get("compare_with")
        if other is None:
            continue
        line, col = pos("venues", i, "compare_with")
        if not v.get("competitor"):
            message = _("venue '{id}' is not a competitor's: it has no compare_with", id=v["id"])
            issues.append((line, col, message, _("write competitor: true, or remove compare_with")))
        elif other not in own:
            message = _("compare_with: '{venue}' is not an own venue of tpkit.yaml", venue=other)
            issues.append((line, col, message, _("own venues: {known}", known=", ".join(own))))
    return issues


def load_config(root: Path) -> Config:
    path = root / CONFIG_NAME
    data, pos = read_yaml(path, shapes.CONFIG)
    lang = data["language"]
    issues: list[tuple[int, int, str, str]] = []
    for group in ("zones", "roles", "venues"):
        seen: set[str] = set()
        for i, item in enumerate(data[group]):
            if item["id"] in seen:
                line, col = pos(group, i, "id")
                issues.append(
                    (line, col, _(_TWICE[group], id=item["id"]), _("give each one its own id"))
                )
            seen.add(item["id"])
    issues += _compared(data["venues"], pos)
    if issues:
        raise _config_error(path, issues)
    waivers = [
        Waiver(w["rule"], w["touchpoint"], w["reason"], w["expires"], *pos("waivers", i))
        for i, w in enumerate(data.get("waivers", []))
    ]
    limits = {k: int(v) for k, v in data.get("limits", {}).items()}
    return Config(
        name=data["name"],
        language=lang,
        zones=[_item(z, lang) for z in data["zones"]],
        roles=[_item(r, lang) for r in data["roles"]],
        venues=[_item(v, lang) for v in data["venues"]],
        review_every=data.get("review_every", 180),
        waivers=waivers,
        path=path,
        pos=pos,
        limits=limits,
    )


def merge(base: Any, over: Any) -> Any:
    """A registry's file over the built-in one, key by key; lists and values replace."""
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for key, value in over.items():
            out[key] = merge(base.get(key), value) if key in base else value
        return out
    return over


class Standards(dict[str, Any]):
    """The standards files by name ('brief', 'lexicon/ru'), merged. `where` keeps the file,
    line and column each value was read from, by its key path ('brief', 'rules', 'BRF001',
    'max_words'), and `key_where` those of each key, so a bad setting is named where it is
    written."""

    where: dict[Key, tuple[str, int, int]]
    key_where: dict[Key, tuple[str, int, int]]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.where = {}
        self.key_where = {}

    def position(self, *key: str | int, of_key: bool = False) -> tuple[str, int, int]:
        """(file, line, column) of the value at key (of the key itself with of_key), else of
        its nearest parent."""
        k: Key = key
        if of_key and k in self.key_where:
            return self.key_where[k]
        while k:
            if k in self.where:
                return self.where[k]
            k = k[:-1]
        return (f"standards/{key[0]}.yaml" if key else "standards", 1, 1)


def load_standards(root: Path) -> Standards:
    """Built-in standards with the registry's own files merged over them."""
    builtin = builtin_dir("standards")
    out = Standards()
    names = [*STANDARD_FILES, *(f"lexicon/{lang}" for lang in LEXICON_LANGUAGES)]
    for name in names:
        data: Any = {}
        for folder in (builtin, root / "standards"):
            path = folder / f"{name}.yaml"
            if path.is_file() and not (folder == root / "standards" and _same(path, builtin)):
                shown = _shown(root, folder, name, path, builtin)
                # checked against its shape (shapes.standards_shape), named as `shown`
                got, pos = _read_standard(path, name, shown)
                data = merge_lexicon(data, got) if name.startswith("lexicon/") else merge(data, got)
                out.where.update(((name, *k), (shown, *at)) for k, at in pos.at.items())
                out.key_where.update(((name, *k), (shown, *at)) for k, at in pos.end.items())
        out[name] = data
    return out


def _read_standard(path: Path, name: str, shown: str) -> tuple[dict[str, Any], Positions]:
    """One standards file as written, after its shape is checked: a wrong value is a
    RegistryError naming shown:line:column, what is wrong and what to write."""
    doc = read_file(path)
    issues = [(p.line, p.column, p.message, p.suggestion) for p in doc.problems]
    if doc.root is None and not issues:
        issues.append((1, 1, _("the file is empty"), _("write its settings, or delete the file")))
    if not issues:
        assert doc.root is not None
        _data, _pos, found = shapes.read(shapes.standards_shape(name), doc.root)
        issues = [(i.line, i.column, i.message, i.suggestion) for i in found]
    if issues:
        raise _config_error(shown, issues)
    assert doc.root is not None
    data = doc.root.plain()
    assert isinstance(data, dict)  # the shape is a block of keys
    return data, node_positions(doc.root)


def _shown(root: Path, folder: Path, name: str, path: Path, builtin: Path) -> str:
    """How an error names a standards file: standards/<name>.yaml for the registry's own
    (and for the reference registry, whose standards/ is the built-in folder)."""
    own = root / "standards" / f"{name}.yaml"
    if folder != builtin or (own.is_file() and _same(own, builtin)):
        return f"standards/{name}.yaml"
    return str(path)


def _same(path: Path, builtin: Path) -> bool:
    """The reference registry's standards/ is the built-in folder itself: read it once."""
    try:
        return path.resolve().is_relative_to(builtin.resolve())
    except OSError:
        return False


@dataclass
class Registry:
    root: Path
    config: Config
    standards: dict[str, Any]
    touchpoints: list[Touchpoint] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    # Findings of the per-file rules already made for a file (by a worker or the cache),
    # by path; validate() runs only the date rules on those files.
    prechecked: dict[str, list[Problem]] = field(default_factory=dict)

    @cached_property
    def lexicons(self) -> dict[str, Lexicon]:
        return {
            lang: compile_lexicon(lang, self.standards.get(f"lexicon/{lang}", {}))
            for lang in LEXICON_LANGUAGES
        }

    def lexicon(self, lang: str) -> Lexicon:
        return self.lexicons.get(lang) or self.lexicons["en"]

    def relative(self, path: Path) -> str:
        # The folder is resolved, not the file: a link keeps its own name, and a link that
        # loops (or dangles) is named, then reported by whoever reads it.
        if path.is_absolute() and path.is_relative_to(self.root):  # found by walking the root
            return path.relative_to(self.root).as_posix()
        try:
            return (path.parent.resolve() / path.name).relative_to(self.root).as_posix()
        except (ValueError, OSError, RuntimeError):
            return path.as_posix()

    def touchpoint(self, tp_id: str) -> Touchpoint | None:
        return next((tp for tp in self.touchpoints if tp.id == tp_id), None)

    def in_journey_order(self, tps: list[Touchpoint] | None = None) -> list[Touchpoint]:
        order = {z: i for i, z in enumerate(self.config.zone_ids())}
        return sorted(
            tps if tps is not None else self.touchpoints,
            key=lambda tp: (order.get(tp.zone, len(order)), tp.path),
        )


def limits_of(config: Config) -> Limits:
    c = config.limits
    return Limits(
        max_bytes=c.get("max_file_size", DEFAULT_LIMITS.max_bytes),
        max_depth=c.get("max_depth", DEFAULT_LIMITS.max_depth),
        max_aliases=c.get("max_aliases", DEFAULT_LIMITS.max_aliases),
    )
