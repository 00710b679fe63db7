"""The import directions of ``../shared/architecture.md`` and ``docs/arsitektur.md``, read from the code with ``ast``.

Every import statement of every module of the project is read, function-level imports included, relative imports
resolved, and checked against three rules:

1. No module imports another app's presentation layer: its ``views`` (and ``views_*``), ``forms``, ``serializers``,
   ``api`` (and ``api_*``) or ``urls`` module or package (``x.views`` and ``x.views.sub`` alike, so the rule holds
   when a module becomes a package).
2. An app imports only the apps its arrow in ``ARAH`` names (plus the project base ``kinerja``, except
   ``kinerja.urls``); nothing imports ``laporan``; ``laporan`` reads other apps' ``selectors`` and ``models`` only.
   The project base ``kinerja`` imports no domain app, except the modules in ``KINERJA_BOLEH`` (each with its reason).
3. An app's ``services`` never import its own ``tasks``: services queue a task by name
   (``kinerja.antrian.enqueue_on_commit``), tasks import services.

A new app fails the test until its arrow is declared in ``ARAH`` below (and in ``shared/architecture.md``).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASE = "kinerja"

# The arrows of shared/architecture.md: app -> the domain apps it may import (kinerja base modules come on top).
ARAH: dict[str, set[str]] = {
    "kepegawaian": set(),
    "indikator": {"kepegawaian"},
    "penilaian": {"indikator", "kepegawaian"},
    "pelatihan": {"penilaian", "kepegawaian"},
    "partisipasi": {"indikator", "kepegawaian"},
    # laporan reads every app, but only through the layers in LAPORAN_BACA (checked separately).
    "laporan": {"kepegawaian", "indikator", "penilaian", "pelatihan", "partisipasi"},
}
# What laporan may read of another app: its selectors and models; and kepegawaian's access layer, because
# shared/architecture.md ("Access") routes every read of a person's data through it, exports included.
LAPORAN_BACA = ("selectors", "models", "kepegawaian.access")

# Layers no other app may import (rule 1). A name matches the module and everything below it (a package's modules).
LAPISAN_TERLARANG = ("views", "forms", "serializers", "api", "urls")
# ...and their split siblings: kepegawaian.views_akun, kepegawaian.api_urls.
AWALAN_TERLARANG = ("views_", "api_")
# Of the project base, only its pages: the root URLconf and the home page. kinerja.api / kinerja.forms are base modules.
BASE_TERLARANG = ("urls", "views")

# Modules of the project base that may import domain apps, with the reason. Anything else under kinerja/ may not.
KINERJA_BOLEH: dict[str, str] = {
    "kinerja.urls": "the root URLconf mounts every app (by include() strings today; an import would be legitimate)",
    "kinerja.views": "the home page (beranda) sums up each role's data from kepegawaian's selectors and access layer",
    "kinerja.management.commands.seed_demo": "make run's demo data calls each app's demo builder (kepegawaian.demo, "
    "indikator.demo) in dependency order",
    "kinerja.settings": "INSTALLED_APPS names the apps (strings today)",
    "kinerja.management.commands.bangun_jakarta": "the synthetic Jakarta calls each app's bulk builder "
    "(kepegawaian.sintetis, indikator.sintetis, ...) in dependency order, as seed_demo calls the demo builders",
}

# The modules of an app's service layer (rule 3). kepegawaian.impor is the HR import service (its docstring says so).
SERVICE_MODULES = ("services", "kepegawaian.impor")

# Known violations of the current tree, each with its reason. The refactor of issue 6 (point 5: the services <-> tasks
# circles) removes them; ``test_known_violations_still_exist`` fails as soon as one is gone, so the entry is deleted
# and the rule then holds for good.
DIKETAHUI: dict[tuple[str, str], str] = {}


@dataclass(frozen=True)
class Impor:
    modul: str  # the importing module, dotted
    target: str  # the imported module (or module.name for `from module import name`), dotted
    baris: int

    def __str__(self):
        return f"{self.modul} (line {self.baris}) imports {self.target}"


def apps() -> list[str]:
    """The project's top-level Python packages: the base and every domain app (a directory with apps.py)."""
    return sorted(p.parent.name for p in ROOT.glob("*/apps.py"))


def _resolve_relative(modul: str, is_package: bool, level: int, name: str | None) -> str:
    parts = modul.split(".")
    package = parts if is_package else parts[:-1]
    base = package[: len(package) - (level - 1)] if level > 1 else package
    return ".".join([*base, *([name] if name else [])])


def imports_of(source: str, modul: str, *, is_package: bool = False) -> list[Impor]:
    """Every import of ``source`` (module ``modul``), wherever it stands: top level, functions, ``if TYPE_CHECKING``.

    ``from a import b`` yields ``a.b`` (b may be a module or a name; both are checked as a path prefix), ``import a.b``
    yields ``a.b``, ``importlib.import_module("a.b")`` / ``__import__("a.b")`` with a constant yield ``a.b``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [Impor(modul, alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = _resolve_relative(modul, is_package, node.level, node.module)
            found += [Impor(modul, f"{base}.{alias.name}" if base else alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if called in ("import_module", "__import__") and isinstance(node.args[0].value, str):
                found.append(Impor(modul, node.args[0].value, node.lineno))
    return found


def _within(target: str, prefix: str) -> bool:
    return target == prefix or target.startswith(prefix + ".")


def _layer(target: str) -> str | None:
    """The second component of a dotted path inside a project app (``indikator.views.skp`` -> ``views``)."""
    parts = target.split(".")
    return parts[1] if len(parts) > 1 else None


def _is_presentation(target: str) -> bool:
    layer = _layer(target)
    return layer is not None and (layer in LAPISAN_TERLARANG or layer.startswith(AWALAN_TERLARANG))


def violations(imp: Impor, known_apps: list[str]) -> list[str]:
    """What is wrong with one import (an empty list when it is fine)."""
    src_app = imp.modul.split(".")[0]
    dst_app = imp.target.split(".")[0]
    if dst_app not in known_apps or src_app not in known_apps:
        return []  # the standard library, a third-party package, or a module outside the apps (tests, bench)
    problems = []
    if dst_app == src_app:
        if _is_service(imp.modul) and _within(imp.target, f"{src_app}.tasks"):
            problems.append(f"{imp}: services queue tasks by name (kinerja.antrian.enqueue_on_commit)")
        return problems
    if dst_app == BASE:
        # Every app may use the project base (kinerja.api, kinerja.forms, kinerja.db, ...) but not its pages.
        if _layer(imp.target) in BASE_TERLARANG:
            problems.append(f"{imp}: kinerja.{_layer(imp.target)} is the project's page layer, not a base module")
        return problems
    if _is_presentation(imp.target):
        problems.append(f"{imp}: another app's {_layer(imp.target)} layer is not an API; use its services/selectors")
    if src_app == BASE:
        if not any(_within(imp.modul, allowed) for allowed in KINERJA_BOLEH):
            problems.append(f"{imp}: the project base must not depend on a domain app (see KINERJA_BOLEH)")
        return problems
    if dst_app == "laporan":
        problems.append(f"{imp}: nothing imports laporan")
    elif src_app not in ARAH:
        problems.append(f"{imp}: app {src_app!r} has no declared import direction; add it to ARAH in {__file__}")
    elif dst_app not in ARAH[src_app]:
        problems.append(f"{imp}: {src_app} -> {dst_app} is not an arrow of shared/architecture.md")
    elif src_app == "laporan" and not any(_reads(imp.target, what) for what in LAPORAN_BACA):
        problems.append(f"{imp}: laporan reads other apps through their selectors and models only")
    return problems


def _reads(target: str, what: str) -> bool:
    return _within(target, what) if "." in what else _layer(target) == what


def _is_service(modul: str) -> bool:
    return any(_within(modul, m) if "." in m else _layer(modul) == m for m in SERVICE_MODULES)


def project_modules() -> list[tuple[str, Path]]:
    modules = []
    for app in apps():
        for path in sorted((ROOT / app).rglob("*.py")):
            rel = path.relative_to(ROOT).with_suffix("")
            parts = list(rel.parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules.append((".".join(parts), path))
    return modules


def all_imports() -> list[Impor]:
    found = []
    for modul, path in project_modules():
        found += imports_of(path.read_text(encoding="utf-8"), modul, is_package=path.name == "__init__.py")
    return found


def test_the_apps_are_found():
    assert {"kinerja", "kepegawaian", "indikator"} <= set(apps())
    assert len(project_modules()) > 50


def test_every_app_has_a_declared_direction():
    missing = [app for app in apps() if app != BASE and app not in ARAH]
    assert not missing, f"declare the import direction of {missing} in ARAH ({__file__}) and shared/architecture.md"


def test_imports_follow_the_architecture():
    known = apps()
    problems = [
        problem
        for imp in all_imports()
        for problem in violations(imp, known)
        if (imp.modul, _known_target(imp)) not in DIKETAHUI
    ]
    assert not problems, "\n".join(problems)


def _known_target(imp: Impor) -> str:
    """The key of DIKETAHUI an import falls under: its target module, without a trailing imported name."""
    for modul, target in DIKETAHUI:
        if _within(imp.modul, modul) and _within(imp.target, target):
            return target
    return imp.target


def test_known_violations_still_exist():
    """An entry of DIKETAHUI that the code no longer needs is deleted, so that the rule holds from then on."""
    known = apps()
    seen = {(imp.modul, _known_target(imp)) for imp in all_imports() if violations(imp, known)}
    gone = [key for key in DIKETAHUI if not any(_within(m, key[0]) and t == key[1] for m, t in seen)]
    assert not gone, f"fixed: delete {gone} from DIKETAHUI in {__file__}"


# --- The checker itself catches what it should -------------------------------------------------------------------

APPS = ["kinerja", "kepegawaian", "indikator", "penilaian", "pelatihan", "partisipasi", "laporan"]


def _check(source: str, modul: str, *, is_package: bool = False) -> list[str]:
    return [p for imp in imports_of(source, modul, is_package=is_package) for p in violations(imp, APPS)]


@pytest.mark.parametrize(
    "source",
    [
        "from indikator import views",
        "from indikator.views import skp_detail",
        "import indikator.views.skp",
        "from indikator.api.skp import SkpViewSet",
        "from indikator import serializers as s",
        "from kepegawaian.forms import PegawaiForm",
        "from kepegawaian import views_akun",
        "from kepegawaian.api_urls import router",
        "from kinerja.urls import urlpatterns",
        "from kinerja import views",
        "def f():\n    from indikator.views.realisasi import x\n    return x",
        "class A:\n    def m(self):\n        import indikator.forms",
        "import importlib\nimportlib.import_module('indikator.views')",
    ],
)
def test_checker_catches_another_apps_presentation_layer(source):
    assert _check(source, "penilaian.services.evaluasi"), source


@pytest.mark.parametrize(
    ("modul", "source"),
    [
        ("kepegawaian.services", "from indikator.models import Skp"),  # kepegawaian is the bottom
        ("indikator.selectors", "from penilaian import selectors"),  # upwards
        ("pelatihan.services", "from indikator.services import skp_submit"),  # not an arrow
        ("indikator.services", "from laporan.selectors import x"),  # nothing imports laporan
        ("laporan.selectors", "from indikator.services import skp_submit"),  # laporan reads only
        ("kinerja.middleware", "from kepegawaian.models import Pegawai"),  # the base stays below the apps
        ("kinerja.api", "def f():\n    from indikator import selectors"),
        ("indikator.services", "def f():\n    from indikator import tasks"),  # services -> own tasks
        ("indikator.services.umpan_balik", "from ..tasks import umpan_balik_kabari"),  # relative, from a package
        ("kepegawaian.impor", "from kepegawaian.tasks import impor_jalankan"),
        ("statistik.services", "from kepegawaian.models import Pegawai"),  # an app with no declared arrow
    ],
)
def test_checker_catches_a_broken_direction(modul, source):
    apps_ = [*APPS, "statistik"]
    problems = [p for imp in imports_of(source, modul, is_package=False) for p in violations(imp, apps_)]
    assert problems, (modul, source)


@pytest.mark.parametrize(
    ("modul", "source"),
    [
        ("indikator.services", "from kepegawaian.access import akses_for"),
        ("indikator.services", "from kinerja.db import versi_bump\nfrom kinerja.api import api_doc"),
        ("indikator.views.skp", "from indikator.forms import SkpForm\nfrom kinerja.forms import run_form"),
        ("indikator.tasks", "from indikator import services"),
        ("penilaian.services", "from indikator import selectors\nfrom kepegawaian.models import Pegawai"),
        ("laporan.selectors", "from penilaian.selectors import x\nfrom indikator.models import Skp"),
        ("kinerja.views", "from kepegawaian import selectors"),
        ("indikator.services", "import datetime\nfrom django.db import transaction"),
    ],
)
def test_checker_lets_the_declared_directions_pass(modul, source):
    assert _check(source, modul) == []


def test_relative_imports_are_resolved():
    (imp,) = imports_of("from ..tasks import kabari", "indikator.services.umpan_balik")
    assert imp.target == "indikator.tasks.kabari"
    (imp,) = imports_of("from . import skp", "indikator.views", is_package=True)
    assert imp.target == "indikator.views.skp"
