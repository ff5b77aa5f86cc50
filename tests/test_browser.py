"""End to end in a real browser: `streamlit run`, Debian's Chromium driven headless by Playwright.

Opens every page, clicks a chart mark and checks its evidence appears, checks no exception box
and that hostile article text stays inert, and saves a screenshot of every page (at 1280 and
1920 px) under `test-artifacts/screens/`. Outside CI it skips when Chromium is missing; in CI
(`CI=true`) a missing browser is a failure, since `.ci/run` installs it.
"""

from __future__ import annotations

import contextlib
import csv
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from analysis.paths import PROJECT_DIR, SEEDS_DIR

CHROMIUM = "/usr/bin/chromium"
SCREENS = PROJECT_DIR / "test-artifacts" / "screens"
PAGES = {
    "overview": "",
    "framing": "framing",
    "tone": "tone",
    "readability": "readability",
    "overlap": "overlap",
    "compare": "compare",
    "time": "time",
    "search": "search?q=rebels",
    "article": "article",
    "export": "export",
    "corpus": "corpus",
    "lexicon": "lexicon",
    "methods": "methods",
}
HOSTILE = (
    "Hostile Test Article\n\nRebels entered the city <script>window.__pwned = 1</script> on Thursday. "
    'The army withdrew <img src=x onerror="window.__pwned = 2"> to the south.\n'
)

if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
    if os.environ.get("CI") == "true":
        pytest.fail("Chromium is missing in CI: .ci/run should have installed it", pytrace=False)
    pytest.skip(
        "Chromium is not installed (apt-get install -y chromium); browser tests skipped", allow_module_level=True
    )
playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser  # `pytest -m browser` runs these alone, `-m "not browser"` all but these


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """`streamlit run` on a free local port; returns the process and its address once it answers."""
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "dashboard.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=PROJECT_DIR,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return process, base
        except OSError:
            time.sleep(0.5)
    process.kill()
    pytest.fail("streamlit did not start")


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    for seed in SEEDS_DIR.iterdir():
        shutil.copy(seed, corpus / seed.name)
    (corpus / "005_hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = tmp_path_factory.mktemp("db") / "framelens.sqlite"
    process, base = start_server({"FRAMELENS_CORPUS_DIR": str(corpus), "FRAMELENS_DB": str(db)})
    yield base
    stop_server(process)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield instance
        instance.close()


def _settle(page, timeout: float = 120_000) -> None:
    """Wait on Streamlit's own state: the script has finished its run, nothing is stale or
    loading, and every chart has drawn its marks. No fixed sleeps: under load a run takes longer,
    and this waits as long as it takes (up to `timeout` ms)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            if (!app || app.dataset.testScriptState !== 'notRunning') return false;
            if (document.querySelector('[data-testid="stSkeleton"], [data-stale="true"], .stale-element')) return false;
            return [...document.querySelectorAll('.js-plotly-plot')].every(p => p.querySelector('.main-svg'));
        }""",
        timeout=timeout,
        polling=200,
    )


def _rerun_after(page, action) -> None:
    """Do `action` (a click) and wait for the rerun it causes to finish: first for the script to
    start (or at once if it was too quick to see), then for it to settle."""
    action()
    with contextlib.suppress(playwright.TimeoutError):  # the run was over before the first poll
        page.wait_for_function(
            "() => document.querySelector('[data-testid=\"stApp\"]').dataset.testScriptState !== 'notRunning'",
            timeout=3_000,
            polling=50,
        )
    _settle(page)


def _new_collection(page, base: str, name: str) -> None:
    """Open the Corpus page and name a new collection to import into."""
    page.goto(f"{base}/corpus")
    _settle(page)
    page.get_by_label("Name of the new collection").fill(name)
    _rerun_after(page, lambda: page.keyboard.press("Enter"))


# The Corpus page's two upload boxes (the first's key changes after each import).
FILES_BOX = '[class*="st-key-corpus_files_"]'
TABLE_BOX = ".st-key-corpus_table"


def _upload(page, uploader: str, paths: list[Path]) -> None:
    """Give files to an upload box, again if a rerun replaced the box before it took them."""
    for _ in range(3):
        _settle(page)
        page.locator(f'{uploader} [data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(p) for p in paths])
        with contextlib.suppress(playwright.TimeoutError):
            page.locator(uploader).get_by_text(paths[-1].name).first.wait_for(timeout=10_000)
            return
    raise AssertionError(f"the upload box did not take {paths[-1].name}")


def _click_mark(page, selector: str, index: int = 0) -> None:
    """Click the centre of a plotly mark (its drag layer sits on top, so by position)."""
    mark = page.locator(selector).nth(index)
    mark.scroll_into_view_if_needed()
    box = mark.bounding_box()
    _rerun_after(page, lambda: page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2))


@pytest.mark.parametrize("width", [1280, 1920])
def test_every_page_renders_without_exception(server, browser, width):
    SCREENS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": 5000})
    elsewhere = []  # every request to another host: no page may make one (a favicon, a font)
    page.on("request", lambda r: None if r.url.startswith((server, "data:", "blob:")) else elsewhere.append(r.url))
    for name, path in PAGES.items():
        page.goto(f"{server}/{path}")
        _settle(page)
        if name not in {"article", "methods", "corpus", "lexicon", "export", "compare", "time"}:
            page.wait_for_selector(".js-plotly-plot", timeout=90_000)
            _settle(page)
        assert not page.query_selector('[data-testid="stException"]'), name
        bottom = page.evaluate(
            "() => document.querySelector('[data-testid=\"stMainBlockContainer\"]').getBoundingClientRect().bottom"
        )
        page.screenshot(
            path=str(SCREENS / f"{name}-{width}.png"),
            clip={"x": 0, "y": 0, "width": width, "height": min(5000, bottom + 40)},
        )
    assert page.evaluate("() => window.__pwned") is None
    assert elsewhere == []
    page.close()


BARS = ".js-plotly-plot .barlayer .point path"


def test_clicking_a_label_segment_shows_its_sentences(server, browser):
    page = browser.new_page(viewport={"width": 1600, "height": 2000})
    page.goto(server)
    page.wait_for_selector(BARS, timeout=90_000)
    _settle(page)
    _click_mark(page, BARS)
    dialog = page.get_by_test_id("stDialog")
    dialog.get_by_text("Evidence:").wait_for(timeout=60_000)
    assert not page.query_selector('[data-testid="stException"]')
    assert dialog.get_by_text("outlet's own voice").count() + dialog.get_by_text("inside a quotation").count() > 0
    page.close()


def test_framing_click_shows_highlighted_evidence_inside_the_window(server, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(f"{server}/framing")
    page.wait_for_selector(BARS, timeout=90_000)
    _settle(page)
    _click_mark(page, BARS)
    dialog = page.get_by_test_id("stDialog")
    dialog.wait_for(timeout=60_000)
    term = dialog.locator("span[title]").first  # the clicked label, highlighted in its sentence
    term.wait_for(timeout=30_000)
    box = term.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 900 and 0 <= box["x"] <= 1440  # no scrolling needed
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / "framing-click-1440x900.png"))
    page.close()


def test_a_similarity_cell_compares_that_pair(server, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 1400})
    page.goto(f"{server}/overlap")
    cells = ".js-plotly-plot .scatterlayer .point"
    page.wait_for_selector(cells, state="attached", timeout=90_000)
    _settle(page)
    assert "a=" not in page.url  # the first two articles, compared by default
    _click_mark(page, cells, 1 * 6 + 3)  # row 2, column 4 of the 6 x 6 matrix
    assert "a=001_" in page.url and "b=003_" in page.url  # the pickers (kept in the address) follow
    shown = page.get_by_test_id("stMainBlockContainer").inner_text()
    assert "Syrian rebels captured the city of Hama" in shown and "Syrian rebels seized control of Hama" in shown
    page.close()


def test_the_chosen_article_survives_a_reload(server, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(f"{server}/article")
    _settle(page)
    page.get_by_test_id("stMainBlockContainer").locator('[data-testid="stSelectbox"]').first.click()
    _rerun_after(page, lambda: page.get_by_role("option", name="In a stunning and decisive blow").click())
    assert "article=004_" in page.url
    page.reload()
    _settle(page)
    assert "In a stunning and decisive blow" in page.get_by_test_id("stMainBlockContainer").inner_text()
    page.close()


def test_hostile_article_text_shows_as_text(server, browser):
    page = browser.new_page(viewport={"width": 1600, "height": 2000})
    page.goto(f"{server}/article")
    _settle(page)
    picker = page.locator('[data-testid="stSelectbox"]').filter(has_text="Article").first
    picker.wait_for(timeout=30_000)
    picker.click()
    _rerun_after(page, lambda: page.get_by_role("option", name="Hostile Test Article").click())
    body = page.inner_text("body")
    assert "<script>window.__pwned = 1</script>" in body
    assert page.evaluate("() => window.__pwned") is None
    assert page.query_selector("img[src=x]") is None
    page.close()


def _article_choices(page) -> str:
    """The labels the sidebar's article picker offers (none is chosen by default: all are compared)."""
    page.locator('[data-testid="stMultiSelect"]').filter(has_text="Articles compared").first.click()
    page.get_by_role("option").first.wait_for(timeout=30_000)
    text = " ".join(page.get_by_role("option").all_inner_texts())
    page.keyboard.press("Escape")
    return text


def test_a_first_upload_starts_its_own_study_and_survives_a_restart(browser, tmp_path):
    from tests.samples import HTML_PAGE, docx_bytes

    html_file, docx_file = tmp_path / "saved-page.html", tmp_path / "colleague.docx"
    html_file.write_bytes(HTML_PAGE)
    docx_file.write_bytes(
        docx_bytes(
            ["Word report on Hama", "Insurgents entered Hama on Thursday as government troops withdrew south."],
            title="Word report on Hama",
        )
    )
    env = {"FRAMELENS_DB": str(tmp_path / "framelens.sqlite")}
    process, base = start_server(env)
    page = browser.new_page(viewport={"width": 1600, "height": 2400})
    try:
        _new_collection(page, base, "uploads")
        _upload(page, FILES_BOX, [html_file, docx_file])
        page.get_by_role("button", name="Import files").click()
        page.get_by_text("2 articles added").wait_for(timeout=60_000)
        assert not page.query_selector('[data-testid="stException"]')
        page.goto(base)
        _settle(page)
        body = _article_choices(page)
        assert "Rebels seize Hama after army" in body and "Word report on Hama" in body
        assert "Syrian Islamist Terrorists" not in body  # a new study is not mixed with the bundled articles
    finally:
        page.close()
        stop_server(process)
    process, base = start_server(env)
    page = browser.new_page(viewport={"width": 1600, "height": 2400})
    try:
        page.goto(base)
        _settle(page)
        body = _article_choices(page)
        assert "Rebels seize Hama after army" in body and "Word report on Hama" in body
        assert page.evaluate("() => window.__pwned") is None
    finally:
        page.close()
        stop_server(process)


def test_report_opens_offline_with_every_chart_drawn(browser, tmp_path):
    from ui.report import main

    report = tmp_path / "report.html"
    assert main(["report", "--out", str(report)]) == 0
    page = browser.new_page(viewport={"width": 1500, "height": 1200})
    outside = []

    def only_the_file(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_file)
    charts = report.read_text(encoding="utf-8").count('class="chart"')  # every chart the report holds
    assert charts >= 14
    page.goto(report.as_uri())
    page.wait_for_function(
        f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}", timeout=60_000
    )
    drawn = page.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot')]"
        ".filter(p => p.querySelectorAll('g.trace, .heatmaplayer image').length > 0).length"
    )
    assert drawn == charts
    assert outside == []
    page.close()


def test_presentation_view_hides_the_controls(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 1600})
    page.goto(f"{server}/?present=1")
    page.wait_for_selector(".js-plotly-plot", timeout=90_000)
    _settle(page)
    assert not page.locator('section[data-testid="stSidebar"]').is_visible()
    assert not page.locator('[data-testid="stDownloadButton"]').first.is_visible()
    assert page.locator(".js-plotly-plot").first.is_visible()
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / "overview-presentation-1280.png"), full_page=True)
    page.close()


def test_a_hostile_batch_imports_the_good_files_and_names_the_rest(browser, tmp_path):
    from tests.hostile import hostile_files, readable_files

    chosen = {"string.json", "deep.json", "laughs.docx", "bomb.docx", "encrypted.pdf", "picture.png", "binary.txt"}
    files = [(n, d) for n, d, _ in hostile_files() if n in chosen]
    files += [(n, d) for n, d, _ in readable_files() if n in {"good.txt", "good.docx", "mixed.txt"}]
    for name, data in files:
        (tmp_path / name).write_bytes(data)
    process, base = start_server({"FRAMELENS_DB": str(tmp_path / "framelens.sqlite")})
    page = browser.new_page(viewport={"width": 1440, "height": 2400})
    try:
        _new_collection(page, base, "![x](https://example.invalid/x.png) batch")
        _upload(page, FILES_BOX, [tmp_path / name for name, _ in files])
        page.get_by_role("button", name="Import files").click()
        page.get_by_text("3 articles added").wait_for(timeout=60_000)
        _settle(page)
        assert not page.query_selector('[data-testid="stException"]')
        page.get_by_text("Show all 7").click()
        _settle(page)
        body = page.inner_text("body")
        for name in chosen:
            assert name in body, name
        assert "![x](https://example.invalid/x.png) batch" in body.replace("\u200b", "")
        assert page.query_selector('a[href*="example.invalid"]') is None
        assert page.query_selector('img[src*="example.invalid"]') is None
        SCREENS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENS / "corpus-hostile-batch-1440.png"), full_page=True)
    finally:
        page.close()
        stop_server(process)


def _largest(page, selector: str) -> int:
    """The index of the largest mark `selector` finds (a bar of zero length cannot be clicked)."""
    areas = page.evaluate(
        "(s) => [...document.querySelectorAll(s)].map(e => { const b = e.getBoundingClientRect(); "
        "return b.width * b.height; })",
        selector,
    )
    return max(range(len(areas)), key=areas.__getitem__)


def _evidence_opens(page, selector: str) -> None:
    """Click the first mark `selector` finds and check a dialog of evidence opens in the window."""
    page.wait_for_selector(selector, state="attached", timeout=90_000)
    _settle(page)
    _click_mark(page, selector, _largest(page, selector))
    dialog = page.get_by_test_id("stDialog")
    dialog.wait_for(timeout=60_000)
    assert not page.query_selector('[data-testid="stException"]')
    box = dialog.bounding_box()
    assert box["y"] < 900 and box["height"] > 50


def test_loaded_language_bars_and_source_cells_open_their_evidence(server, browser):
    """Each page's second clickable chart: its click was taken by the first chart's check."""
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(f"{server}/tone")
    _evidence_opens(page, ".st-key-tone_loaded .barlayer .point path")
    assert page.get_by_test_id("stDialog").locator("span[title]").count() > 0  # the loaded terms, highlighted
    page.goto(f"{server}/overlap")
    _evidence_opens(page, ".st-key-ol_sources .scatterlayer .point")
    assert page.get_by_test_id("stDialog").get_by_text("Where the article cites this source").count() > 0
    page.close()


def test_a_click_that_opens_another_page_keeps_the_study(server, browser):
    """Overview's reading-grade and loaded-language diamonds open the article: the actor, the
    chosen articles and the filters stay in the address, so the sidebar keeps them."""
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    chosen = "000_e4e850f0e76c0e81.txt,003_75cbe6951555812d.txt,004_db7c404e82ad06c1.txt"
    page.goto(f"{server}/?actor=syrian_government&articles={chosen}&names=outlet_date")
    points = ".st-key-ov_panels .scatterlayer .point"
    page.wait_for_selector(points, state="attached", timeout=90_000)
    _settle(page)
    diamond = page.evaluate(  # a reading-grade or loaded-language diamond, by the shape plotly draws
        "(s) => [...document.querySelectorAll(s)]"
        ".findIndex(e => /^M[\\d.]+,0L0,[\\d.]+L-[\\d.]+,0L0,-[\\d.]+Z$/.test(e.getAttribute('d')))",
        points,
    )
    assert diamond >= 0
    _click_mark(page, points, diamond)
    page.wait_for_url("**/article**", timeout=60_000)
    _settle(page)
    for kept in ("actor=syrian_government", "articles=000_", "names=outlet_date", "lexicon="):
        assert kept in page.url, (kept, page.url)
    assert not page.query_selector('[data-testid="stException"]')
    assert "Main label\nnone" not in page.get_by_test_id("stMainBlockContainer").inner_text()
    page.close()


def test_hostile_uploads_never_hold_up_the_server(browser, tmp_path):
    """Files of every format built to make a reader backtrack or expand, uploaded together: the
    server answers its health check within a second throughout, each file is read or refused
    with its reason, and the good file of the batch is stored."""
    import threading

    from benchmarks.hostile import HOSTILE_FILES, dictionary_bomb

    size = 1_000_000
    names = ["blank-lines.txt", "unclosed-tags.html", "unclosed-scripts.html", "font-table.rtf", "hyperlinks.rtf"]
    names += ["long-cell.csv", "deep.json", "front-matter.md"]
    for name in names:
        (tmp_path / name).write_bytes(HOSTILE_FILES[name](size))
    (tmp_path / "bomb.parquet").write_bytes(dictionary_bomb())
    (tmp_path / "good.txt").write_text("Army leaves Hama\n\nThe army withdrew from Hama on Thursday.")
    process, base = start_server({"FRAMELENS_DB": str(tmp_path / "framelens.sqlite")})
    slowest, stop = [0.0], threading.Event()

    def poll() -> None:
        while not stop.is_set():
            started = time.monotonic()
            try:
                urllib.request.urlopen(f"{base}/_stcore/health", timeout=10).read()
            except OSError:
                slowest[0] = max(slowest[0], 10.0)
            slowest[0] = max(slowest[0], time.monotonic() - started)
            time.sleep(0.1)

    page = browser.new_page(viewport={"width": 1440, "height": 2400})
    watcher = threading.Thread(target=poll, daemon=True)
    try:
        _new_collection(page, base, "hostile")
        _upload(page, FILES_BOX, [tmp_path / n for n in [*names, "bomb.parquet", "good.txt"]])
        watcher.start()
        page.get_by_role("button", name="Import files").click()
        page.get_by_text("added to").first.wait_for(timeout=180_000)
        _settle(page)
        assert not page.query_selector('[data-testid="stException"]')
        body = page.inner_text("body")
        assert "bomb.parquet" in body and "decompression bomb" in body
    finally:
        stop.set()
        page.close()
        stop_server(process)
    assert slowest[0] < 1.0, f"the health check once took {slowest[0]:.2f} s"


# Every chart a click opens evidence on, page by page: its container's key and its marks.
BAR_MARKS = ".barlayer .point path"
CLICKABLE = {
    "framing": ["fr_rates", "fr_voice", "fr_place", "fr_event_capture", "fr_event_withdrawal"],
    "tone": ["tone_strip", "tone_arc", "tone_loaded"],
    "readability": ["rd_lengths"],
    "overlap": ["ol_heatmap", "ol_reprinted", "ol_sources"],
    "": ["ov_panels"],
}
MARKS = {
    "tone_strip": ".scatterlayer .point",
    "rd_lengths": ".boxlayer .point",
    "ol_heatmap": ".scatterlayer .point",
    "ol_sources": ".scatterlayer .point",
    "ol_reprinted": ".scatterlayer .point",
}
STUDY = "?actor=syrian_government&names=outlet_date&outlet=(not stated)"


def _kept(url: str) -> None:
    for kept in ("actor=syrian_government", "names=outlet_date", "outlet=", "lexicon="):
        assert kept in url, (kept, url)


@pytest.mark.parametrize("path", list(CLICKABLE))
def test_every_clickable_chart_opens_its_evidence_in_view_and_keeps_the_study(server, browser, path):
    """One mark of every clickable chart, clicked in a 1440 x 900 window: a dialog of evidence
    opens inside the window (the similarity cell's pair too), and the address keeps the actor,
    the names, the filter and the lexicon."""
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(f"{server}/{path}{STUDY}")
    _settle(page)
    for key in CLICKABLE[path]:
        selector = f".st-key-{key} {MARKS.get(key, BAR_MARKS)}"
        if key == "ol_heatmap":  # an off-diagonal cell: a pair, not an article with itself
            index = 1
            page.wait_for_selector(selector, state="attached", timeout=90_000)
            _settle(page)
            _click_mark(page, selector, index)
        else:
            page.wait_for_selector(selector, state="attached", timeout=90_000)
            _settle(page)
            _click_mark(page, selector, _largest(page, selector))
        dialog = page.get_by_test_id("stDialog")
        dialog.wait_for(timeout=60_000)
        assert not page.query_selector('[data-testid="stException"]'), key
        box = dialog.locator('[role="dialog"]').first.bounding_box() or dialog.bounding_box()
        assert 0 <= box["y"] < 900 - 100, key  # its top and first lines are in the window
        assert len(dialog.inner_text().strip()) > 40, key
        SCREENS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENS / f"click-{key}-1440x900.png"))
        _kept(page.url)
        page.keyboard.press("Escape")
        dialog.wait_for(state="detached", timeout=30_000)
        _settle(page)
    page.close()


def _dated_server(tmp_path, size: int) -> tuple[subprocess.Popen, str]:
    """A server on `size` dated articles of three outlets over three weeks (`test_app.dated_corpus`)."""
    from tests.test_app import dated_corpus

    corpus = dated_corpus(tmp_path / "dated", size=size)
    return start_server({"FRAMELENS_CORPUS_DIR": str(corpus), "FRAMELENS_DB": str(tmp_path / "db.sqlite")})


def _dialog_of_mark(browser, address: str, selector: str, index: int):
    """Open a page at 1440x900, click one of its chart's marks and wait for the dialog it opens."""
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(address)
    page.wait_for_selector(selector, state="attached", timeout=90_000)
    _settle(page)
    _click_mark(page, selector, index)
    dialog = page.get_by_test_id("stDialog")
    dialog.wait_for(timeout=60_000)
    return page, dialog


def test_a_click_over_time_opens_its_period_and_keeps_the_filter(browser, tmp_path):
    """Over time needs dated articles: a corpus of three outlets over three weeks."""
    process, base = _dated_server(tmp_path, 30)
    try:
        page, dialog = _dialog_of_mark(
            browser,
            f"{base}/time?measure=loaded_per_1k&period=W&outlet=Alpha,Gamma&from=2024-12-01",
            ".st-key-time_loaded_per_1k .scatterlayer .point",
            0,
        )
        assert "One outlet in one period" in dialog.inner_text()
        assert dialog.bounding_box()["y"] < 800
        for kept in ("measure=loaded_per_1k", "outlet=Alpha", "from=2024-12-01", "lexicon="):
            assert kept in page.url, (kept, page.url)
        page.screenshot(path=str(SCREENS / "click-time-1440x900.png"))
        page.close()
    finally:
        stop_server(process)


def test_a_click_on_a_cell_of_two_outlets_shows_the_article_pairs_behind_it(browser, tmp_path):
    """Above 40 articles the similarity heatmap shows outlets: a cell opens the article pairs
    behind its mean and the most similar of them side by side (it opened nothing)."""
    process, base = _dated_server(tmp_path, 45)  # over 40 articles: grouped by outlet
    try:
        # The first row's second cell: two outlets.
        page, dialog = _dialog_of_mark(browser, f"{base}/overlap", ".st-key-ol_heatmap .scatterlayer .point", 1)
        text = dialog.inner_text()
        assert "The article pairs behind this cell" in text and " between " in text, text[:300]
        assert not page.query_selector('[data-testid="stException"]')
        page.screenshot(path=str(SCREENS / "click-outlet-cell-1440x900.png"))
        page.close()
    finally:
        stop_server(process)


def test_a_table_larger_than_any_other_file_imports_every_row_from_the_corpus_page(browser, tmp_path):
    from analysis.limits import MAX_FILE_BYTES
    from analysis.store import Store

    seeds = sorted(SEEDS_DIR.glob("*.txt"))
    sentences = [s.strip() + "." for path in seeds for s in path.read_text(encoding="utf-8").split(".") if len(s) > 60]
    rows = [(f"r{i}", f"Report {i}", f"{sentences[i % len(sentences)]} (item {i})") for i in range(30_000)]
    table = tmp_path / "coverage.csv"
    with table.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "headline", "body"])
        writer.writerows(rows)
    assert table.stat().st_size > MAX_FILE_BYTES
    database = tmp_path / "framelens.sqlite"
    process, base = start_server({"FRAMELENS_DB": str(database)})
    page = browser.new_page(viewport={"width": 1440, "height": 1600})
    try:
        _new_collection(page, base, "a year")
        _rerun_after(page, page.get_by_role("tab", name="Import a table").click)
        _upload(page, TABLE_BOX, [table])
        page.get_by_text("Its first 1,000 rows are read to show it; the import reads them all").wait_for(timeout=60_000)
        page.get_by_role("button", name="Import table").click()
        page.get_by_text("30,000 articles added").wait_for(timeout=120_000)
        assert not page.query_selector('[data-testid="stException"]')
    finally:
        page.close()
        stop_server(process)
    stored = Store(database).articles("a year")
    assert [(a.id, a.title) for a in stored] == [(i, title) for i, title, _ in rows]
