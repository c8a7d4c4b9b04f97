"""Read YAML keeping the line of every key, so messages can point at it.

>>> data, lines = load_yaml_with_lines("a: 1\\nb:\\n  c: 2\\n")
>>> data["b"]["c"], lines[("b", "c")]
(2, 3)
"""

from __future__ import annotations

from pathlib import Path

import yaml

from simkit.errors import galat, mirip

Path_ = tuple[object, ...]


def _walk(node: yaml.Node, path: Path_, out: dict[Path_, int], berkas: str | None) -> None:
    out.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for k, v in node.value:
            key = k.value
            line = k.start_mark.line + 1  # keys are scalars: the line of the key itself
            if key in seen:  # YAML forbids it; PyYAML would keep the last value silently
                raise galat("yaml_kunci_ganda", berkas=berkas, baris=line,
                            bidang=".".join(str(x) for x in (*path, key)),
                            baris_pertama=seen[key])
            seen[key] = line
            out[(*path, key)] = line
            _walk(v, (*path, key), out, berkas)
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            _walk(v, (*path, i), out, berkas)


def load_yaml_with_lines(text: str, berkas: str | None = None) -> tuple[object, dict[Path_, int]]:
    """Parse ``text``; return the data and a map ``path tuple -> line number (1-based)``.

    Keys of the map use strings for mapping keys and ints for list positions. A syntax error
    or a key given twice in one mapping becomes a located :class:`~simkit.errors.SimkitError`.

    >>> load_yaml_with_lines("a: 1\\na: 2\\n", "s.yaml")
    Traceback (most recent call last):
    ...
    simkit.errors.SimkitError: s.yaml, baris 2, bidang 'a': kunci ditulis dua kali (pertama di baris 1).
    """
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise galat(
            "yaml_rusak",
            berkas=berkas,
            baris=(mark.line + 1) if mark else None,
            detail=exc.problem or str(exc),
        ) from None
    except yaml.YAMLError as exc:
        raise galat("yaml_rusak", berkas=berkas, detail=str(exc)) from None
    lines: dict[Path_, int] = {}
    if node is not None:
        _walk(node, (), lines, berkas)
    # int-looking keys are parsed by safe_load as ints; keep both spellings
    return data, lines


def line_of(lines: dict[Path_, int], path: Path_) -> int | None:
    """The line of ``path`` or of its nearest ancestor that has one."""
    p = tuple(path)
    while True:
        if p in lines:
            return lines[p]
        alt = tuple(str(x) if not isinstance(x, int) else x for x in p)
        if alt in lines:
            return lines[alt]
        if not p:
            return None
        p = p[:-1]


def berkas_mirip(path: Path) -> str | None:
    """The path of the file in ``path``'s folder whose name is closest to ``path``'s, if any.

    >>> berkas_mirip(Path("simkit/rules/params/pp30_2091.yaml")).replace("\\\\", "/")
    'simkit/rules/params/pp30_2019.yaml'
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        nama = [f.name for f in folder.iterdir() if f.is_file()]
    except OSError:
        return None
    hit = mirip(path.name, nama) or mirip(path.stem, [Path(n).stem for n in nama])
    if hit is None:
        return None
    full = next((n for n in nama if n == hit or Path(n).stem == hit), hit)
    return str(folder / full) if str(path.parent) not in ("", ".") else full


def read_yaml_file(path: str | Path) -> tuple[object, dict[Path_, int]]:
    """Read a YAML file with :func:`load_yaml_with_lines`; a missing file is a located error."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise galat("berkas_tidak_ada", berkas=str(path), saran=berkas_mirip(p)) from None
    except UnicodeDecodeError as exc:
        raise galat("yaml_rusak", berkas=str(path), detail=str(exc)) from None
    return load_yaml_with_lines(text, berkas=str(path))
