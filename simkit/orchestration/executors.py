"""Where the tasks of a sweep run: in this process, in local processes, or on Dask.

Every executor has the same tiny interface, so a sweep has one code path::

    with buat_executor("proses", workers=2) as ex:
        hasil = ex.map(fungsi, tugas)          # results in the order of ``tugas``

- :class:`InProses` (``"inproses"``, the default, also in notebooks): a plain loop.
- :class:`Proses` (``"proses"``): :class:`concurrent.futures.ProcessPoolExecutor` with the
  ``spawn`` start method (safe on every OS and inside Jupyter); ``workers`` defaults to
  ``os.cpu_count()``.
- :class:`Dask` (``"dask"``): a ``distributed.Client`` to a running scheduler
  (``tcp://HOST:PORT``), or ``"local"`` to start a ``LocalCluster`` on 127.0.0.1 (one thread per
  worker process, no dashboard) that is closed again afterwards. Remote workers need simkit
  installed in the same version. Dask is imported only when used.

``fn`` must be a module-level function (it is pickled by reference) and its tasks picklable.
A :class:`~simkit.errors.SimkitError` raised inside a worker reaches the caller unchanged,
with its located message (it is carried across as its list of problems).

>>> with buat_executor("inproses") as ex:
...     ex.map(abs, [-1, 2, -3])
[1, 2, 3]
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from simkit.errors import Masalah, SimkitError, galat

JENIS = ("inproses", "proses", "dask")
"""Executor kinds, as accepted by :func:`buat_executor`."""

DASK_LOKAL = "local"
"""``dask_address`` that starts a LocalCluster on this machine."""

BATAS_SAMBUNG_DETIK = 5
"""Seconds to wait for a Dask scheduler before reporting it unreachable."""

Selesai = Callable[[int], None] | None
"""Optional callback, called with the task's index each time a task finishes (progress)."""


class Executor(Protocol):
    """``map(fn, tasks) -> list`` (results in task order) and ``paralel`` (how many at once)."""

    paralel: int

    def map(self, fn: Callable[[Any], Any], tasks: Sequence[Any],
            selesai: Selesai = None) -> list: ...

    def close(self) -> None: ...


# --------------------------------------------------------------------------- errors across processes


@dataclass(frozen=True)
class _Gagal:
    """A SimkitError travelling back from a worker (the exception itself does not pickle)."""

    masalah: tuple[Masalah, ...]


@dataclass(frozen=True)
class _Bungkus:
    """``fn`` wrapped so a SimkitError comes back as a value (picklable by reference to ``fn``)."""

    fn: Callable[[Any], Any]

    def __call__(self, task: Any) -> Any:
        try:
            return self.fn(task)
        except SimkitError as exc:
            return _Gagal(tuple(exc.masalah))


def _buka(hasil: Any) -> Any:
    if isinstance(hasil, _Gagal):
        raise SimkitError(list(hasil.masalah))
    return hasil


# --------------------------------------------------------------------------- executors


class InProses:
    """Run tasks one after another in this process."""

    paralel = 1

    def map(self, fn: Callable[[Any], Any], tasks: Sequence[Any], selesai: Selesai = None) -> list:
        out = []
        for i, task in enumerate(tasks):
            out.append(fn(task))
            if selesai:
                selesai(i)
        return out

    def close(self) -> None:
        return None


class Proses:
    """Run tasks in ``workers`` local processes (spawn start method)."""

    def __init__(self, workers: int | None = None):
        self.paralel = _jumlah_pekerja(workers)
        self._pool: Any = None

    def map(self, fn: Callable[[Any], Any], tasks: Sequence[Any], selesai: Selesai = None) -> list:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        if not tasks:
            return []
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=min(self.paralel, len(tasks)),
                                             mp_context=multiprocessing.get_context("spawn"))
        futures = {self._pool.submit(_Bungkus(fn), t): i for i, t in enumerate(tasks)}
        out: list[Any] = [None] * len(tasks)
        for fut in as_completed(futures):
            i = futures[fut]
            out[i] = fut.result()
            if selesai:
                selesai(i)
        return [_buka(r) for r in out]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class Dask:
    """Run tasks on a Dask cluster: ``address`` ``tcp://HOST:PORT`` or ``"local"``.

    With ``"local"`` a LocalCluster of ``workers`` processes (default ``os.cpu_count()``) is
    started on 127.0.0.1 and closed by :meth:`close`; a given address is only connected to.
    """

    def __init__(self, address: str = DASK_LOKAL, workers: int | None = None):
        from distributed import Client, LocalCluster

        self._cluster: Any = None
        if address == DASK_LOKAL:
            self._cluster = LocalCluster(
                n_workers=_jumlah_pekerja(workers), threads_per_worker=1, processes=True,
                host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR,
                # no dashboard; the scheduler's small HTTP server (health, metrics) on a free
                # loopback port instead of 8787, which another cluster or Jupyter may hold
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            )
            self.client = Client(self._cluster, set_as_default=False)
        else:
            self.client = _sambung(Client, address)
        self.paralel = max(1, sum(self.client.nthreads().values()))

    def map(self, fn: Callable[[Any], Any], tasks: Sequence[Any], selesai: Selesai = None) -> list:
        from distributed import as_completed

        if not tasks:
            return []
        futures = self.client.map(_Bungkus(fn), list(tasks), pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        if selesai:
            for f in as_completed(futures, loop=self.client.loop):
                selesai(index[f.key])
        return [_buka(r) for r in self.client.gather(futures)]

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


def _sambung(client_cls: Any, address: str) -> Any:
    """Connect to a scheduler; unreachable or malformed -> located SimkitError, no traceback."""
    log = logging.getLogger("distributed")
    level = log.level
    log.setLevel(logging.CRITICAL)  # the failed attempt would print its own traceback
    try:
        return client_cls(address, timeout=f"{BATAS_SAMBUNG_DETIK}s", set_as_default=False)
    except (OSError, ValueError, TypeError) as exc:
        raise galat("dask_tidak_terjangkau", berkas="--dask", ditemukan=repr(address),
                    diharapkan="tcp://HOST:PORT, local", detik=BATAS_SAMBUNG_DETIK,
                    detail=str(exc)[:160]) from None
    finally:
        log.setLevel(level)


def _jumlah_pekerja(workers: int | None) -> int:
    if workers is None or workers <= 0:
        return max(1, os.cpu_count() or 1)
    return int(workers)


@contextlib.contextmanager
def buat_executor(jenis: str = "inproses", workers: int | None = None,
                  dask_address: str | None = None) -> Iterator[Executor]:
    """The executor ``jenis`` (see :data:`JENIS`), closed when the block ends.

    >>> with buat_executor("inproses") as ex:
    ...     ex.paralel
    1
    """
    if jenis not in JENIS:
        from simkit.errors import mirip

        raise galat("nilai_tidak_valid", bidang="executor", diharapkan=", ".join(JENIS),
                    ditemukan=repr(jenis), saran=mirip(str(jenis), JENIS))
    ex: Executor
    if jenis == "inproses":
        ex = InProses()
    elif jenis == "proses":
        ex = Proses(workers)
    else:
        ex = Dask(dask_address or DASK_LOKAL, workers)
    try:
        yield ex
    finally:
        ex.close()
