"""``simkit workshop``: the server's command line (pure), Ctrl-C with a fake server, the
notebook helpers, and a real Voila serving the landing page on 127.0.0.1."""

from __future__ import annotations

import http.cookiejar
import importlib.util
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from simkit import cli
from simkit.i18n import set_lang
from simkit.orchestration import workshop as ws

ROOT = Path(__file__).resolve().parents[1]
NB = ROOT / "notebooks"


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def tunggu_jawaban(url: str, proses: subprocess.Popen, detik: float, nama: str,
                   buka: Callable[..., Any] = urllib.request.urlopen) -> None:
    """Poll ``url`` until it answers 200, failing if ``proses`` exits or ``detik`` pass."""
    batas = time.monotonic() + detik
    while True:
        try:
            with buka(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        assert proses.poll() is None, f"{nama} exited"
        assert time.monotonic() < batas, f"{nama} did not answer within {detik:g} s"
        time.sleep(0.25)


@contextmanager
def voila_hidup(folder: Path = NB) -> Iterator[tuple[str, ws.RencanaServer]]:
    """Run the ``simkit workshop --app`` argv on a free port; yield its base URL and plan once
    it answers (``voila.js`` answers without starting a kernel), then stop it."""
    port = _port_bebas()
    r = ws.rencana_server(folder, app=True, port=port)
    p = subprocess.Popen(r.argv, start_new_session=True, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
    dasar = f"http://127.0.0.1:{port}/"
    try:
        tunggu_jawaban(dasar + "voila/static/voila.js", p, 30, "voila")
        yield dasar, r
    finally:
        ws.hentikan(p, tunggu=10)
    assert p.poll() is not None


@dataclass
class LabHidup:
    """``simkit workshop`` (JupyterLab mode) running: the process, its base URL and its printed
    output so far (:meth:`keluaran`, from the file its stdout goes to)."""

    proses: subprocess.Popen
    dasar: str
    berkas_keluaran: Path
    jar: http.cookiejar.CookieJar
    web: urllib.request.OpenerDirector
    """Opens URLs of the server keeping its cookies (``_xsrf``) in :attr:`jar`."""

    def keluaran(self) -> str:
        return self.berkas_keluaran.read_text(encoding="utf-8")

    def alamat(self, detik: float = 30) -> str:
        """The address the command printed (with its token, if it gives one)."""
        batas = time.monotonic() + detik
        while not (m := re.search(r"(http://\S+)", self.keluaran())):
            assert self.proses.poll() is None, "the workshop command exited"
            assert time.monotonic() < batas, "the workshop command printed no address"
            time.sleep(0.1)
        return m.group(1)


@contextmanager
def lab_hidup(folder: Path, lang: str = "en", detik: float = 60) -> Iterator[LabHidup]:
    """Run ``simkit workshop --port N`` (a free port) as a user would, its stdout in a file in
    ``folder`` and JupyterLab's workspaces there too; yield once ``/api/status`` answers, then
    stop whatever is still running (a test may first stop it with Ctrl-C itself)."""
    port = _port_bebas()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SIMKIT_LANG": lang, "PYTHONUNBUFFERED": "1",
           "JUPYTERLAB_WORKSPACES_DIR": str(folder)}
    keluar = folder / "workshop.out"
    with keluar.open("w", encoding="utf-8") as f:
        p = subprocess.Popen([sys.executable, "-m", "simkit", "workshop", "--port", str(port)],
                             env=env, stdout=f, stderr=subprocess.DEVNULL, text=True,
                             start_new_session=True)  # its own group: hentikan stops it all
    jar = http.cookiejar.CookieJar()
    lab = LabHidup(p, f"http://127.0.0.1:{port}/", keluar, jar,
                   urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)))
    try:
        tunggu_jawaban(f"{lab.dasar}api/status", p, detik, "the workshop command", lab.web.open)
        yield lab
    finally:
        if p.poll() is None:
            ws.hentikan(p, tunggu=10)


def _hidup(pid: int) -> bool:
    """Running (a zombie nobody reaped counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


# --------------------------------------------------------------------------- the plan (pure)


def test_lab_plan_is_local_offline_and_tokenless():
    r = ws.rencana_server(NB, port=9123, python="py", folder_pengaturan="/s", root_user=True)
    assert r.argv[:3] == ["py", "-m", "jupyterlab"]
    a = set(r.argv)
    assert {"--ServerApp.ip=127.0.0.1", "--ServerApp.port=9123", "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={NB}", "--IdentityProvider.token=", "--LabApp.news_url=",
            "--ServerApp.open_browser=False", "--LabApp.user_settings_dir=/s",
            "--allow-root", "--ServerApp.default_url=/lab/tree/00_mulai_di_sini.ipynb"} <= a
    assert any(x.endswith("NeverCheckForUpdate") for x in r.argv)
    assert r.url == "http://127.0.0.1:9123/lab/tree/00_mulai_di_sini.ipynb"
    assert r.token == ""
    assert "--allow-root" not in ws.rencana_server(NB, python="py", root_user=False).argv
    assert "--ServerApp.open_browser=True" in ws.rencana_server(NB, buka_peramban=True).argv


def test_lan_plan_binds_every_address_with_a_generated_token():
    r = ws.rencana_server(NB, lan=True, alamat="192.168.1.20")
    assert "--ServerApp.ip=0.0.0.0" in r.argv
    assert len(r.token) >= 20 and f"--IdentityProvider.token={r.token}" in r.argv
    assert r.url == f"http://192.168.1.20:8888/lab/tree/00_mulai_di_sini.ipynb?token={r.token}"
    assert ws.rencana_server(NB, lan=True, alamat="x").token != r.token
    # a given token is used; an empty one is replaced by a generated one
    assert ws.rencana_server(NB, lan=True, token="rahasia", alamat="x").token == "rahasia"
    assert ws.rencana_server(NB, lan=True, token="", alamat="x").token


def test_app_plan_runs_voila_on_the_notebook_folder():
    r = ws.rencana_server(NB, app=True, port=8999, python="py")
    assert r.argv[:4] == ["py", "-m", "voila", str(NB)]
    assert {"--no-browser", "--Voila.ip=127.0.0.1", "--port=8999", "--Voila.token="} <= set(r.argv)
    assert r.url == "http://127.0.0.1:8999/voila/render/app.ipynb"
    lan = ws.rencana_server(NB, app=True, lan=True, alamat="10.1.2.3")
    assert "--Voila.ip=0.0.0.0" in lan.argv and f"--Voila.token={lan.token}" in lan.argv
    assert lan.url.endswith(f"?token={lan.token}")
    assert "--no-browser" not in ws.rencana_server(NB, app=True, buka_peramban=True).argv


def test_lab_settings_turn_news_and_update_checks_off(tmp_path):
    import json

    ws.tulis_pengaturan_lab(tmp_path)
    f = tmp_path / "@jupyterlab/apputils-extension/notification.jupyterlab-settings"
    assert json.loads(f.read_text()) == {"checkForUpdates": False, "doNotDisturbMode": False,
                                         "fetchNews": "false"}


def test_cli_builds_the_plan_and_hands_it_to_the_runner(monkeypatch, tmp_path):
    seen = []
    monkeypatch.setattr(ws, "jalankan", lambda r, tulis: seen.append(r) or 0)
    assert "workshop" in cli.PERINTAH
    assert cli.main(["workshop", "--app", "--port", "9001", "--folder", str(tmp_path)]) == 0
    assert seen[0].mode == "app" and "--port=9001" in seen[0].argv
    assert str(tmp_path.resolve()) in seen[0].argv
    assert cli.main(["workshop", "--lan", "--token", "abc"]) == 0
    assert seen[1].token == "abc" and "--ServerApp.ip=0.0.0.0" in seen[1].argv
    assert cli.main(["workshop"]) == 0
    assert f"--ServerApp.root_dir={NB}" in seen[2].argv


def test_the_address_is_printed_in_the_users_language():
    fake = ws.RencanaServer([sys.executable, "-c", "pass"], "http://127.0.0.1:1/x", "app", "tk")
    for lang, kata in (("id", "Buka alamat ini"), ("en", "Open this address")):
        set_lang(lang)
        lines: list[str] = []
        assert ws.jalankan(fake, lines.append) == 0
        text = "\n".join(lines)
        assert f"{kata} di peramban: http://127.0.0.1:1/x" in text if lang == "id" else \
            f"{kata} in a browser: http://127.0.0.1:1/x" in text
        assert "tk" in text


# --------------------------------------------------------------------------- Ctrl-C


PALSU = """
import os, subprocess, sys, time, signal
if {abaikan}:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
anak = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
open(sys.argv[1], "w").write(f"{{os.getpid()}} {{anak.pid}}")
time.sleep(120)
"""

PELARI = """
import sys
from simkit.orchestration.workshop import jalankan, perintah_palsu
sys.exit(jalankan(perintah_palsu([sys.executable, sys.argv[1], sys.argv[2]]), tunggu=1.0))
"""


@pytest.mark.parametrize("abaikan", [False, True], ids=["sigterm", "keras-kepala"])
def test_ctrl_c_stops_the_server_and_leaves_no_orphan(tmp_path, abaikan):
    server = tmp_path / "server.py"
    server.write_text(textwrap.dedent(PALSU.format(abaikan=abaikan)))
    pids = tmp_path / "pids"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SIMKIT_LANG": "id"}
    p = subprocess.Popen([sys.executable, "-c", PELARI, str(server), str(pids)], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        batas = time.monotonic() + 20
        while not (pids.exists() and pids.read_text().strip()):
            assert time.monotonic() < batas, "the fake server never started"
            assert p.poll() is None, p.stdout.read()
            time.sleep(0.05)
        srv, anak = map(int, pids.read_text().split())
        assert _hidup(srv) and _hidup(anak)
        p.send_signal(signal.SIGINT)
        out, _ = p.communicate(timeout=20)
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == 0, out
    assert "Menghentikan server" in out and "Server berhenti." in out
    batas = time.monotonic() + 5
    while (_hidup(srv) or _hidup(anak)) and time.monotonic() < batas:
        time.sleep(0.05)
    assert not _hidup(srv), "server left running"
    assert not _hidup(anak), "the server's child left running (orphan)"


# --------------------------------------------------------------------------- notebook helpers


def test_intro_in_both_languages_and_the_maps_link_existing_notebooks():
    import nbformat

    for lang, kata in (("id", "Untuk siapa"), ("en", "Who it is for")):
        for nama in ("00_mulai_di_sini", "01_cara_kerja_penilaian", "02_kalkulator_saya",
                     "04_bandingkan_aturan", "app"):
            assert kata in ws.pengantar_html(nama, lang)
            assert (NB / f"{nama}.ipynb").is_file()
    for peta in ("00_mulai_di_sini", "app"):  # the map is markdown: its links need no kernel
        nb = nbformat.read(NB / f"{peta}.ipynb", as_version=4)
        teks = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        links = re.findall(r"\]\(([^)]+\.ipynb)\)", teks)
        assert {"02_kalkulator_saya.ipynb", "04_bandingkan_aturan.ipynb"} <= set(links)
        for link in links:
            assert (NB / link).is_file(), link


def test_language_switch_moves_intro_and_widget_switches():
    pytest.importorskip("ipywidgets")
    import ipywidgets as W

    class Tampilan:
        bahasa = W.ToggleButtons(options=[("Indonesia", "id"), ("English", "en")], value="id")

    tampilan = Tampilan()
    kotak = ws.sakelar_bahasa("02_kalkulator_saya", "id", ikut=[tampilan])
    html = kotak.children[1]
    assert "Kalkulator kinerja saya" in html.value and "Untuk siapa" in html.value
    kotak.sakelar.value = "en"
    assert "My performance calculator" in html.value and "Who it is for" in html.value
    assert tampilan.bahasa.value == "en"
    from simkit.i18n import get_lang

    assert get_lang() == "en"


# --------------------------------------------------------------------------- a real Voila


def test_voila_serves_the_landing_page_on_localhost():
    if importlib.util.find_spec("voila") is None:
        pytest.skip("voila is not installed (pip install voila) — app mode not tested")
    with voila_hidup() as (dasar, r):
        assert r.url == f"{dasar}voila/render/app.ipynb"
        with urllib.request.urlopen(r.url, timeout=60) as resp:
            page = resp.read().decode("utf-8")
        assert resp.status == 200
        assert "02_kalkulator_saya.ipynb" in page and "04_bandingkan_aturan.ipynb" in page
        assert "sakelar_bahasa" not in page  # no code in app mode


# --------------------------------------------------------------------------- a real JupyterLab


def _pid_kernel(kernel_id: str) -> int | None:
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmd = (proc / "cmdline").read_bytes()
            except OSError:
                continue
            if f"kernel-{kernel_id}".encode() in cmd:
                return int(proc.name)
    return None


def test_lab_via_the_command_is_offline_and_ctrl_c_stops_its_kernels(tmp_path):
    if importlib.util.find_spec("jupyterlab") is None:
        pytest.skip("jupyterlab is not installed — lab mode not tested")
    import json

    kernel_pid = None
    with lab_hidup(tmp_path) as lab:
        p, base, web = lab.proses, lab.dasar.rstrip("/"), lab.web
        with web.open(f"{base}/lab/api/settings/@jupyterlab/apputils-extension:notification",
                      timeout=10) as resp:
            settings = json.loads(resp.read())["settings"]
        assert settings["fetchNews"] == "false" and settings["checkForUpdates"] is False
        with web.open(f"{base}/lab/api/news", timeout=10) as resp:
            assert json.loads(resp.read())["news"] == []
        with web.open(f"{base}/lab/tree/00_mulai_di_sini.ipynb", timeout=10) as resp:
            assert resp.status == 200
        xsrf = next(c.value for c in lab.jar if c.name == "_xsrf")
        req = urllib.request.Request(f"{base}/api/kernels", data=b'{"name": "python3"}',
                                     headers={"X-XSRFToken": xsrf}, method="POST")
        with web.open(req, timeout=30) as resp:
            kernel_id = json.loads(resp.read())["id"]
        batas = time.monotonic() + 10
        while kernel_pid is None and time.monotonic() < batas:
            kernel_pid = _pid_kernel(kernel_id)
            time.sleep(0.1)
        assert kernel_pid and _hidup(kernel_pid)
        p.send_signal(signal.SIGINT)
        p.wait(timeout=30)
        out = lab.keluaran()
    assert p.returncode == 0
    assert f"Open this address in a browser: {base}/lab/tree/00_mulai_di_sini.ipynb" in out
    assert "Server stopped." in out
    batas = time.monotonic() + 5
    while _hidup(kernel_pid) and time.monotonic() < batas:
        time.sleep(0.1)
    assert not _hidup(kernel_pid), "the kernel outlived the server"
