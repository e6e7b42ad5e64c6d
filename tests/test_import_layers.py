"""The modules of tpkit import one way: no cycle among the imports at the top of the modules,
and no import inside a function that closes one (a late import is for start-up speed only)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"

# Imports inside a function that still close a cycle, by the module that makes them, with the
# names of the modules they import. Nothing may join this list; it only shrinks.
KNOWN_LATE: dict[str, set[str]] = {}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in (SRC / "tpkit").rglob("*.py")}


def targets(module: str, node: ast.Import | ast.ImportFrom, package: bool) -> set[str]:
    """The tpkit modules an import statement loads."""
    if isinstance(node, ast.Import):
        return {a.name for a in node.names if a.name in MODULES}
    base = module.split(".") if package else module.split(".")[:-1]
    if node.level:
        base = base[: len(base) - (node.level - 1)]
        name = ".".join([*base, *([node.module] if node.module else [])])
    else:
        name = node.module or ""
    out = set()
    for alias in node.names:
        full = f"{name}.{alias.name}"
        if full in MODULES:
            out.add(full)
        elif name in MODULES:
            out.add(name)
    return out


def imports() -> tuple[dict[str, set[str]], dict[str, list[tuple[str, int]]]]:
    """(module -> what it imports at its top, module -> (what it imports late, line))."""
    top: dict[str, set[str]] = {m: set() for m in MODULES}
    late: dict[str, list[tuple[str, int]]] = {m: [] for m in MODULES}
    for module, path in MODULES.items():
        package = path.name == "__init__.py"

        def visit(
            node: ast.AST, in_function: bool, module: str = module, package: bool = package
        ) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                    continue  # for the type checker only: never imported when run
                if isinstance(child, (ast.Import, ast.ImportFrom)):
                    for target in targets(module, child, package) - {module}:
                        if in_function:
                            late[module].append((target, child.lineno))
                        else:
                            top[module].add(target)
                inner = in_function or isinstance(
                    child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
                )
                visit(child, inner)

        visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return top, late


def reaches(start: str, goal: str, graph: dict[str, set[str]]) -> bool:
    seen: set[str] = set()
    todo = [start]
    while todo:
        here = todo.pop()
        if here == goal:
            return True
        if here not in seen:
            seen.add(here)
            todo += graph.get(here, ())
    return False


def test_no_cycle_among_the_imports_at_the_top_of_the_modules() -> None:
    top, _late = imports()
    cycles = [f"{a} -> {b}" for a in top for b in sorted(top[a]) if reaches(b, a, top)]
    assert cycles == []


def test_no_import_inside_a_function_hides_a_cycle() -> None:
    top, late = imports()
    hiding = sorted(
        f"{module}:{line} imports {target}, which imports {module} back"
        for module, found in late.items()
        for target, line in found
        if reaches(target, module, top)
        and target.rpartition(".")[2] not in KNOWN_LATE.get(module, set())
    )
    assert hiding == []


def test_the_list_of_known_late_imports_holds_no_stale_entry() -> None:
    top, late = imports()
    still = {
        module: {t.rpartition(".")[2] for t, _line in found if reaches(t, module, top)}
        for module, found in late.items()
    }
    stale = {m: names - still.get(m, set()) for m, names in KNOWN_LATE.items()}
    assert all(not names for names in stale.values()), stale


def test_the_analysis_sees_a_cycle_when_there_is_one() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert reaches("b", "a", graph) and not reaches("a", "d", graph)
    tree = ast.parse("def f():\n    from tpkit import morph\n")
    node = tree.body[0].body[0]  # type: ignore[attr-defined]
    assert targets("tpkit.lexicon", node, False) == {"tpkit.morph"}
