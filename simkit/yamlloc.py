"""Read YAML keeping the line of every key, so messages can point at it.

>>> data, lines = load_yaml_with_lines("a: 1\\nb:\\n  c: 2\\n")
>>> data["b"]["c"], lines[("b", "c")]
(2, 3)
"""

from __future__ import annotations

from pathlib import Path

import yaml

from simkit.errors import galat

Path_ = tuple[object, ...]


def _walk(node: yaml.Node, path: Path_, out: dict[Path_, int]) -> None:
    out.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            key = k.value
            # keys are scalars; store the line of the key itself
            out[(*path, key)] = k.start_mark.line + 1
            _walk(v, (*path, key), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            _walk(v, (*path, i), out)


def load_yaml_with_lines(text: str, berkas: str | None = None) -> tuple[object, dict[Path_, int]]:
    """Parse ``text``; return the data and a map ``path tuple -> line number (1-based)``.

    Keys of the map use strings for mapping keys and ints for list positions. A syntax error
    becomes a located :class:`~simkit.errors.SimkitError`.
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
        _walk(node, (), lines)
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


def read_yaml_file(path: str | Path) -> tuple[object, dict[Path_, int]]:
    """Read a YAML file with :func:`load_yaml_with_lines`; a missing file is a located error."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise galat("berkas_tidak_ada", berkas=str(path)) from None
    except UnicodeDecodeError as exc:
        raise galat("yaml_rusak", berkas=str(path), detail=str(exc)) from None
    return load_yaml_with_lines(text, berkas=str(path))
