"""The import graph of ``simkit/`` has no cycle between its parts and every edge points down.

Built from the source, not from what happens to be imported: every ``import`` and ``from ...
import`` (inside functions and ``TYPE_CHECKING`` blocks too, relative ones resolved) and every
module name written as a string (``"simkit.rules.registry"``, as ``importlib`` takes it). A part
is a subpackage (``simkit/rules/``) or a top-level module (``simkit/kosakata.py``); the package
``simkit/__init__.py`` (part ``simkit``: the public API, importing lazily from every part) sits
above them all but the CLI, a thin layer on that API.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

PAKET = Path(__file__).resolve().parents[1] / "simkit"

LAPISAN = (
    ("kosakata", "pembulatan", "i18n", "atomic", "malas"),
    ("errors",),
    ("presentation", "manifest", "tables", "yamlloc"),
    ("scenario",),
    ("population",),
    ("rules",),
    ("analysis",),
    ("report",),
    ("widgets",),
    ("pelatihan",),
    ("orchestration",),
    ("simkit",),
    ("cli",),
    ("__main__",),
)
"""The layers, lowest first: a part may import parts of its own layer's lower layers only
(parts of one layer may not import each other)."""

_NAMA = re.compile(r"simkit(\.[a-z_][a-z0-9_]*)+")

TINGKAT = {bagian: i for i, lap in enumerate(LAPISAN) for bagian in lap}


def _modul(path: Path) -> str:
    rel = path.relative_to(PAKET.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _bagian(modul: str) -> str | None:
    parts = modul.split(".")
    if parts[0] != "simkit":
        return None
    return "simkit" if len(parts) == 1 else parts[1]


def _impor(path: Path) -> set[str]:
    """Every simkit module ``path`` imports."""
    tree = ast.parse(path.read_text("utf-8"), str(path))
    modul = _modul(path)
    paket = modul if path.name == "__init__.py" else modul.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = paket.split(".")
                base = base[: len(base) - node.level + 1]
                nama = ".".join([*base, node.module] if node.module else base)
            else:
                nama = node.module or ""
            out.add(nama)
            out |= {f"{nama}.{a.name}" for a in node.names}  # `from simkit import rules`
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _NAMA.fullmatch(
                node.value):
            out.add(node.value)  # a module name kept in a string (for importlib later)
        elif isinstance(node, ast.Call):
            f = node.func
            fname = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            if fname in ("import_module", "__import__") and node.args and isinstance(
                    node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                out.add(node.args[0].value)
    return {m for m in out if m == "simkit" or m.startswith("simkit.")}


def graf() -> dict[str, dict[str, set[str]]]:
    """part -> imported part -> the modules (file:line-free names) where the edge comes from."""
    sisi: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for path in sorted(PAKET.rglob("*.py")):
        dari = _bagian(_modul(path))
        for m in _impor(path):
            ke = _bagian(m)
            if m.count(".") >= 2 and ke is not None and (PAKET / m.split(".")[1]).is_dir():
                pass
            elif ke != "simkit" and not (PAKET / f"{ke}.py").is_file() and not (
                    PAKET / str(ke)).is_dir():
                continue  # `from simkit import __version__` style names
            if ke is not None and ke != dari:
                sisi[dari][ke].add(_modul(path))
    return sisi


def _siklus(sisi: dict[str, dict[str, set[str]]]) -> list[list[str]]:
    out, warna, jalur = [], {}, []

    def kunjungi(u: str) -> None:
        warna[u] = 1
        jalur.append(u)
        for v in sorted(sisi.get(u, {})):
            if warna.get(v) == 1:
                out.append(jalur[jalur.index(v):] + [v])
            elif not warna.get(v):
                kunjungi(v)
        jalur.pop()
        warna[u] = 2

    for u in sorted(sisi):
        if not warna.get(u):
            kunjungi(u)
    return out


def test_graph_is_built_from_source():
    sisi = graf()
    assert "rules" in sisi["analysis"] and "analysis" in sisi["orchestration"]
    assert "population" in sisi["rules"]


def test_no_cycle_between_parts():
    sisi = graf()
    siklus = _siklus(sisi)
    detail = [" -> ".join(c) + "  (" + "; ".join(
        f"{a}->{b}: {sorted(sisi[a][b])[:3]}" for a, b in zip(c, c[1:], strict=False)) + ")"
        for c in siklus]
    assert not siklus, "\n".join(detail)


def test_every_edge_points_down_the_layers():
    sisi = graf()
    naik = []
    for a, ke in sisi.items():
        assert a in TINGKAT, f"part {a!r} has no layer in LAPISAN"
        for b, dari in ke.items():
            if TINGKAT[b] >= TINGKAT[a]:
                naik.append(f"{a} -> {b}: {sorted(dari)[:3]}")
    assert not naik, "\n".join(naik)
