"""pyproject.toml pins every direct dependency; constraints.txt fixes the whole installed set. They must agree."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> str:
    return re.split(r"[\[=<>~! ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _constraints() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.lower().replace("_", "-")] = version
    return pins


def test_every_direct_dependency_is_pinned_exactly_and_matches_the_constraints():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    constraints = _constraints()
    for requirement in requirements:
        assert "==" in requirement, f"{requirement} is not pinned exactly"
        version = requirement.split("==")[1]
        assert constraints.get(_name(requirement)) == version, f"{requirement} differs from constraints.txt"
