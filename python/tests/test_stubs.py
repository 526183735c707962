"""The type stubs name what the module has, and the module has what they name."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import jingwu

STUBS = Path(jingwu.__file__).with_name("__init__.pyi")


def stub_tree() -> ast.Module:
    return ast.parse(STUBS.read_text(encoding="utf-8"))


def test_stubs_and_module_export_the_same_names():
    tree = stub_tree()
    exported = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in node.targets)
    )
    names = {elt.value for elt in exported.elts}
    assert names == set(jingwu.__all__)
    defined = {n.name for n in tree.body if isinstance(n, (ast.ClassDef, ast.FunctionDef))}
    defined |= {n.target.id for n in tree.body if isinstance(n, ast.AnnAssign)}
    assert names <= defined


def test_every_stubbed_method_exists_with_its_parameters():
    checked = 0
    for node in stub_tree().body:
        if not isinstance(node, ast.ClassDef):
            continue
        cls = getattr(jingwu, node.name)
        for item in node.body:
            if not isinstance(item, ast.FunctionDef):
                continue
            assert hasattr(cls, item.name), f"{node.name}.{item.name}"
            if item.name.startswith("__") and item.name != "__init__":
                continue  # operators: Python names their parameters itself
            runtime = cls if item.name == "__init__" else getattr(cls, item.name)
            try:
                signature = inspect.signature(runtime)
            except (TypeError, ValueError):
                continue  # properties and slots without a signature
            stubbed = [a.arg for a in item.args.args + item.args.kwonlyargs if a.arg != "self"]
            assert stubbed == [p for p in signature.parameters if p != "self"], f"{node.name}.{item.name}"
            checked += 1
    assert checked > 20
    # Module functions too.
    for node in stub_tree().body:
        if isinstance(node, ast.FunctionDef):
            params = list(inspect.signature(getattr(jingwu, node.name)).parameters)
            assert [a.arg for a in node.args.args + node.args.kwonlyargs] == params, node.name
