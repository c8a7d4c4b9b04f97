"""``simkit workshop``: JupyterLab (or Voila, ``app`` mode) on the workshop notebooks, offline.

:func:`rencana_server` builds the server's command line as a pure function (nothing starts):
JupyterLab opens at ``notebooks/00_mulai_di_sini.ipynb``, Voila at the landing page
``notebooks/app.ipynb`` (widgets without code). Both listen on 127.0.0.1 without a token (only
this computer can reach them); ``lan=True`` listens on every address (0.0.0.0) and requires a
generated token, which the printed address carries. Jupyter's news and update checks are off
(``--LabApp.news_url=`` and the notification plugin's settings in a workshop settings folder),
so nothing reaches for the internet.

:func:`jalankan` runs that command as a child process in its own process group, prints the
address in the user's language and, on Ctrl-C, stops the server (which shuts its kernels
down) and then anything left in the group.

>>> r = rencana_server("notebooks", app=True, port=8866, python="python")
>>> r.url
'http://127.0.0.1:8866/voila/render/app.ipynb'
>>> r.argv[:3]
['python', '-m', 'voila']
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from simkit.i18n import get_lang, set_lang, t

HALAMAN_LAB = "00_mulai_di_sini.ipynb"
"""The notebook JupyterLab opens (the map for the three audiences)."""
HALAMAN_APP = "app.ipynb"
"""Voila's landing page: links to every widget notebook."""
PORT_BAWAAN = {"lab": 8888, "app": 8866}
CSP_APP = ("default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:; "
           "frame-ancestors 'self'")
"""The Content-Security-Policy of the Voila app: the browser loads nothing from elsewhere.
Voila 0.5's ``lab`` template links Font Awesome from cdn.jsdelivr.net on every page; with
this policy the browser refuses it (the icons come from Voila's bundled copy)."""
TUNGGU_BERHENTI = 15.0
"""Seconds the server gets to shut its kernels down before the group is killed."""

PENGATURAN_LAB = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"checkForUpdates": False, "doNotDisturbMode": False, "fetchNews": "false"},
}
"""JupyterLab user settings written to the workshop settings folder: no news, no update check
(``--LabApp.news_url=None`` alone does not stop the news pop-up)."""


@dataclass(frozen=True)
class RencanaServer:
    """A server to start: its command line, the address to print and the token (if any)."""

    argv: list[str]
    url: str
    mode: str
    token: str = ""
    folder_pengaturan: Path | None = None
    env: dict[str, str] = field(default_factory=dict)


def folder_notebook() -> Path:
    """The repository's ``notebooks/`` folder (the working directory's when it has one).

    >>> folder_notebook().name
    'notebooks'
    """
    cwd = Path.cwd() / "notebooks"
    if (cwd / HALAMAN_LAB).is_file():
        return cwd
    return Path(__file__).resolve().parents[2] / "notebooks"


def alamat_lan() -> str:
    """This computer's address on the local network (no packet is sent), else 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))  # UDP connect only picks a route; nothing is sent
            return str(s.getsockname()[0])
        except OSError:
            return "127.0.0.1"


def rencana_server(root: str | Path, *, app: bool = False, port: int | None = None,
                   lan: bool = False, buka_peramban: bool = False, token: str | None = None,
                   python: str = sys.executable, folder_pengaturan: str | Path | None = None,
                   alamat: str | None = None, root_user: bool | None = None) -> RencanaServer:
    """The command line of the workshop server (pure: nothing is started or written).

    ``lan``: listen on 0.0.0.0 with ``token`` (generated when not given); otherwise 127.0.0.1
    and no token. ``alamat``: the host printed for ``lan`` (default :func:`alamat_lan`).

    >>> r = rencana_server("nb", port=9000, python="py", folder_pengaturan="s", root_user=False)
    >>> r.url, "--ServerApp.ip=127.0.0.1" in r.argv, "--LabApp.news_url=" in r.argv
    ('http://127.0.0.1:9000/lab/tree/00_mulai_di_sini.ipynb', True, True)
    >>> r = rencana_server("nb", lan=True, token="abc", alamat="10.0.0.5", python="py")
    >>> r.url
    'http://10.0.0.5:8888/lab/tree/00_mulai_di_sini.ipynb?token=abc'
    """
    mode = "app" if app else "lab"
    port = PORT_BAWAAN[mode] if port is None else int(port)
    ip = "0.0.0.0" if lan else "127.0.0.1"
    token = (token or secrets.token_urlsafe(24)) if lan else ""
    host = (alamat or alamat_lan()) if lan else "127.0.0.1"
    root = Path(root)
    if app:
        argv = [python, "-m", "voila", str(root), f"--Voila.ip={ip}", f"--port={port}",
                "--Voila.port_retries=0", f"--Voila.token={token}",
                "--MappingKernelManager.cull_idle_timeout=7200",
                "--MappingKernelManager.cull_interval=300",
                "--Voila.tornado_settings=" + json.dumps(
                    {"headers": {"Content-Security-Policy": CSP_APP}})]
        if not buka_peramban:
            argv.append("--no-browser")
        path = f"/voila/render/{HALAMAN_APP}"
        pengaturan = None
    else:
        pengaturan = Path(folder_pengaturan) if folder_pengaturan else None
        argv = [python, "-m", "jupyterlab", f"--ServerApp.ip={ip}", f"--ServerApp.port={port}",
                "--ServerApp.port_retries=0", f"--ServerApp.root_dir={root}",
                f"--IdentityProvider.token={token}", "--ServerApp.password=",
                f"--ServerApp.default_url=/lab/tree/{HALAMAN_LAB}",
                "--LabApp.news_url=", "--LabApp.check_for_updates_class="
                "jupyterlab.handlers.announcements.NeverCheckForUpdate"]
        if pengaturan is not None:
            argv.append(f"--LabApp.user_settings_dir={pengaturan}")
        if (os.geteuid() == 0) if root_user is None else root_user:
            argv.append("--allow-root")
        argv.append("--ServerApp.open_browser=" + ("True" if buka_peramban else "False"))
        path = f"/lab/tree/{HALAMAN_LAB}"
    url = f"http://{host}:{port}{path}" + (f"?token={token}" if token else "")
    return RencanaServer(argv, url, mode, token, pengaturan)


def tulis_pengaturan_lab(folder: str | Path) -> Path:
    """Write :data:`PENGATURAN_LAB` into ``folder`` (JupyterLab's user settings layout)."""
    folder = Path(folder)
    for nama, isi in PENGATURAN_LAB.items():
        p = folder / nama
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(json.dumps(isi, indent=2), encoding="utf-8")
    return folder


def hentikan(proses: subprocess.Popen, tunggu: float = TUNGGU_BERHENTI) -> int:
    """Stop ``proses`` (the leader of its own process group): SIGTERM lets a Jupyter server
    shut its kernels down; whatever is still in the group after ``tunggu`` seconds is killed."""
    for sig, batas in ((signal.SIGTERM, tunggu), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(proses.pid, sig)
        except ProcessLookupError:
            break
        try:
            proses.wait(timeout=batas)
            break
        except subprocess.TimeoutExpired:
            continue
    try:  # helpers the server left in its group
        os.killpg(proses.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    return proses.wait()


def jalankan(rencana: RencanaServer, tulis: Callable[[str], None] = print,
             tunggu: float = TUNGGU_BERHENTI) -> int:
    """Run the server of ``rencana`` until it ends or Ctrl-C; returns its exit code (0 after
    Ctrl-C). The address is printed in the user's language."""
    sementara = None
    argv = list(rencana.argv)
    if rencana.mode == "lab" and rencana.folder_pengaturan is None:
        sementara = tempfile.TemporaryDirectory(prefix="simkit-workshop-")
        tulis_pengaturan_lab(sementara.name)
        argv.append(f"--LabApp.user_settings_dir={sementara.name}")
    elif rencana.folder_pengaturan is not None:
        tulis_pengaturan_lab(rencana.folder_pengaturan)
    env = {**os.environ, **rencana.env}
    lama = _sinyal_sebagai_ctrl_c()
    try:
        proses = subprocess.Popen(argv, start_new_session=True, env=env)
        try:
            tulis(t(f"workshop.mulai_{rencana.mode}"))
            tulis(t("workshop.alamat", url=rencana.url))
            if rencana.token:
                tulis(t("workshop.token", token=rencana.token))
            tulis(t("workshop.berhenti"))
            kode = proses.wait()
        except KeyboardInterrupt:
            tulis(t("workshop.menghentikan"))
            hentikan(proses, tunggu)
            tulis(t("workshop.selesai"))
            return 0
        tulis(t("workshop.berakhir", kode=kode))
        return kode
    finally:
        for sig, h in lama.items():
            signal.signal(sig, h)
        if sementara is not None:
            sementara.cleanup()


def _ctrl_c(_sig: int, _frame: object) -> None:
    raise KeyboardInterrupt


def _sinyal_sebagai_ctrl_c() -> dict[int, object]:
    """SIGINT (even when inherited as ignored, as by ``&`` in a script), SIGTERM and SIGHUP
    (terminal closed) stop the server as Ctrl-C does, so its process group is never left
    behind; returns the previous handlers (main thread only)."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        return {}
    return {sig: signal.signal(sig, _ctrl_c)
            for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}


# --------------------------------------------------------------------------- notebook helpers

def pengantar_html(nama: str, lang: str | None = None) -> str:
    """Who a notebook is for, what one learns and how long it takes, as HTML.

    >>> "Who it is for" in pengantar_html("02_kalkulator_saya", "en")
    True
    """
    import html

    k = f"workshop.nb.{nama}"
    baris = "".join(f"<li><b>{html.escape(t(f'workshop.{b}', lang))}</b>: "
                    f"{html.escape(t(f'{k}.{b}', lang))}</li>" for b in ("untuk", "belajar", "waktu"))
    return f"<h2>{html.escape(t(f'{k}.judul', lang))}</h2><ul>{baris}</ul>"


def sakelar_bahasa(nama: str, lang: str | None = None, ikut: Sequence[object] = ()) -> object:
    """The language switch at the top of a workshop notebook: a toggle that sets simkit's
    language, re-renders the notebook's introduction (:func:`pengantar_html`) and moves the
    language switches of the widgets in ``ikut`` (objects with a ``bahasa`` toggle)."""
    import ipywidgets as W

    lang = lang or get_lang()
    tombol = W.ToggleButtons(options=[("Indonesia", "id"), ("English", "en")], value=lang,
                             description=t("workshop.bahasa", lang))
    isi = W.HTML()

    def tampil(bhs: str) -> None:
        set_lang(bhs)
        tombol.description = t("workshop.bahasa", bhs)
        isi.value = pengantar_html(nama, bhs)
        for w in ikut:
            sakelar = getattr(w, "bahasa", None)
            if sakelar is not None and sakelar.value != bhs:
                sakelar.value = bhs

    tombol.observe(lambda ch: tampil(ch["new"]), names="value")
    tampil(lang)
    kotak = W.VBox([tombol, isi])
    kotak.sakelar = tombol  # type: ignore[attr-defined]
    return kotak


def perintah_palsu(argv: Sequence[str]) -> RencanaServer:
    """A plan that runs ``argv`` in place of a server (for tests of :func:`jalankan`)."""
    return RencanaServer(list(argv), "http://127.0.0.1:0/", "app")


__all__ = ["HALAMAN_APP", "HALAMAN_LAB", "PENGATURAN_LAB", "PORT_BAWAAN",
           "RencanaServer", "alamat_lan", "folder_notebook", "hentikan", "jalankan",
           "pengantar_html", "perintah_palsu", "rencana_server", "sakelar_bahasa",
           "tulis_pengaturan_lab"]
