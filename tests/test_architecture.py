"""The import graph (parsed with ast, nothing imported): no cycles, and the audit package depends
on nothing above it (ARCHITECTURE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("masking", "service", "recognizers")


def _modules() -> dict[str, Path]:
    mods = {}
    for pkg in PACKAGES:
        for p in (ROOT / pkg).rglob("*.py"):
            parts = list(p.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            mods[".".join(parts)] = p
    return mods


MODULES = _modules()


def _known(name: str) -> str:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name


def _targets(module: str, node: ast.Import | ast.ImportFrom, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [t for t in (_known(a.name) for a in node.names) if t]
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        mod = ".".join(base + ([node.module] if node.module else []))
    else:
        mod = node.module or ""
    out = []
    for a in node.names:  # `from pkg import module` imports the module
        full = f"{mod}.{a.name}"
        out.append(full if full in MODULES else _known(mod))
    return [t for t in out if t]


def import_graph(deferred: bool) -> dict[str, set[str]]:
    """Project module → project modules it imports: at module level (what runs on import), or
    with ``deferred`` also inside functions. A module importing its own package is not counted."""
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        nodes = ast.walk(tree) if deferred else _top_level(tree.body)
        for node in nodes:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for t in _targets(module, node, path.name == "__init__.py"):
                    if t != module and not module.startswith(t + "."):
                        graph[module].add(t)
    return graph


def _top_level(body):
    """Statements run on import: the module body, including `if`/`try` blocks (not functions)."""
    for node in body:
        yield node
        if isinstance(node, (ast.If, ast.Try)):
            for block in (getattr(node, "body", []), getattr(node, "orelse", []), getattr(node, "finalbody", []),
                          *[h.body for h in getattr(node, "handlers", [])]):
                yield from _top_level(block)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            v, it = work[-1]
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))
    return out


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_at_module_level() -> None:
    graph = import_graph(deferred=False)
    assert graph["masking.stages.run"]  # the parser sees imports
    assert cycles(graph) == []


def test_the_pipeline_has_no_cycle_even_through_deferred_imports() -> None:
    """The stages and everything that runs them: no cycle, counting imports inside functions."""
    pipeline = {m for m in MODULES if m.startswith("masking.stages")} | {
        "masking.pipeline", "masking.review", "masking.batch", "masking.cli", "masking.review_cli",
        "masking.redact", "masking.verify", "masking.policy", "masking.entities", "masking.errors",
        "masking.analyzer", "masking.disclosure", "service.worker",
    }
    for comp in cycles(import_graph(deferred=True)):
        assert not pipeline & set(comp), comp


def test_no_import_cycle_anywhere_even_through_deferred_imports() -> None:
    """An import inside a function is still a dependency: none may close a cycle."""
    assert cycles(import_graph(deferred=True)) == []


def test_stages_import_no_caller() -> None:
    """Stages know nothing of who runs them (CLI, batch, review, service)."""
    callers = {"masking.pipeline", "masking.review", "masking.batch", "masking.cli", "masking.review_cli"}
    for module, targets in import_graph(deferred=True).items():
        if module.startswith("masking.stages"):
            assert not targets & callers, (module, targets & callers)
            assert not any(t.startswith("service") for t in targets), module


def test_the_audit_package_depends_on_nothing_above_it() -> None:
    graph = import_graph(deferred=True)
    audit = [m for m in graph if m == "masking.audit" or m.startswith("masking.audit.")]
    assert len(audit) > 3
    for module in audit:
        above = {t for t in graph[module] if not (t == "masking.audit" or t.startswith("masking.audit."))}
        assert above <= {"masking.errors"}, (module, above)
