"""What `pip install .` brings is enough to run: every third-party module claimtrack imports at module
level comes with a core dependency (pyproject's [project.dependencies], or what they require in turn).

The dev extras install much more (datasette brings click, for one), so the test suite alone would not
notice a core import that only an extra provides: that is how Typer 0.29, which stopped installing
click, broke a plain install while every test passed."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata

from tests.conftest import ROOT

SRC = ROOT / "src" / "claimtrack"
# Modules that only an extra's program loads: Datasette loads our plugins (`claimtrack serve`, extra web).
LOADED_BY_EXTRA = {"src/claimtrack/web/datasette_plugins/": "web"}


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;(]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _unconditional(requirement: str) -> bool:
    """Not one an extra or a marker for another platform or Python asks for."""
    if ";" not in requirement:
        return True
    marker = requirement.split(";", 1)[1]
    if "extra" in marker:
        return False
    try:
        from packaging.markers import Marker

        return Marker(marker).evaluate()
    except ImportError:  # without packaging: count it in (the test may then pass where it should not)
        return True


def installed_closure(names: list[str]) -> set[str]:
    """The distributions `names` need as installed here, with everything they require in turn."""
    seen, todo = set(), [_name(n) for n in names]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            required = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        todo += [_name(r) for r in required if _unconditional(r)]
    return seen


def module_level_imports() -> dict[str, tuple[str, str | None]]:
    """Third-party top-level modules imported outside any function: a file that does it, and the extra
    whose program loads that file (None: claimtrack itself)."""
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        where = str(path.relative_to(ROOT))
        extra = next((e for folder, e in LOADED_BY_EXTRA.items() if where.startswith(folder)), None)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:  # module level only: extras are imported inside the functions that use them
            if isinstance(node, ast.If):  # `if TYPE_CHECKING:` blocks are not run
                continue
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top != "claimtrack" and top not in sys.stdlib_module_names and top != "__future__":
                    found.setdefault((top, extra), where)
    return {module: (where, extra) for (module, extra), where in found.items()}


def test_core_dependencies_provide_every_module_level_import():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    providers = metadata.packages_distributions()
    missing = {}
    for module, (where, extra) in module_level_imports().items():
        allowed = installed_closure(project["dependencies"] + (project["optional-dependencies"][extra] if extra else []))
        if not {_name(d) for d in providers.get(module, [])} & allowed:
            missing[module] = where
    assert not missing, f"imported at module level but no core dependency installs it: {missing}"


def test_the_check_sees_an_import_no_core_dependency_brings():
    """The closure is what it claims: datasette (an extra) is outside it, Typer inside."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    allowed = installed_closure(project["dependencies"])
    assert "typer" in allowed and "sqlalchemy" in allowed  # sqlmodel's
    assert "datasette" not in allowed and "pytest" not in allowed
    assert {"typer", "rich", "sqlalchemy"} <= set(module_level_imports())
