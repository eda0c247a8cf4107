"""OUT/index.html in a real headless Chromium (Debian's chromium and chromium-driver, which .ci/run
installs): the table's rows match summary.json, a header click sorts, the filter filters, and a
screenshot is kept as a test artifact."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from agent.nightly.dashboard import render_dashboard, write_dashboard
from agent.nightly.history import record_batch
from tests.nightly_batch import night, write_batch

CHROMIUM, DRIVER = shutil.which("chromium"), "/usr/bin/chromedriver"
ARTIFACTS = Path(__file__).resolve().parent.parent / "workspaces" / "test-artifacts"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1400",
)


def test_the_page_is_self_contained_and_its_data_cannot_close_the_script(tmp_path):
    cases = night()
    cases[3]["remaining_error"] = {"kind": "program", "message": "</script><b>x</b>", "file": None, "line": None}
    page = render_dashboard(tmp_path, write_batch(tmp_path, cases))
    assert "</script><b>" not in page and "<\\/script>" in page
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "") and "https://" not in page
    assert "<link" not in page and " src=" not in page


@pytest.fixture
def browser(tmp_path):
    if not CHROMIUM or not Path(DRIVER).is_file():
        pytest.skip("chromium and chromium-driver are not installed (apt-get install chromium chromium-driver; .ci/run does)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def _column(driver, index: int) -> list[str]:
    return [row.find_elements("css selector", "td")[index].text for row in driver.find_elements("css selector", "#cases tbody tr")]


def test_dashboard_in_headless_chromium(tmp_path, browser):
    out, db = tmp_path / "out", tmp_path / "history.db"
    record_batch(db, write_batch(tmp_path / "last-night", night(1)), tmp_path / "last-night")
    data = write_batch(out)
    record_batch(db, data, out)
    (out / "Pr100" / "report.md").write_text("# report\n")
    write_dashboard(out, data, db)
    browser.get((out / "index.html").as_uri())

    summary = json.loads((out / "summary.json").read_text())
    rows = browser.find_elements("css selector", "#cases tbody tr")
    assert [row.get_attribute("data-case") for row in rows] == sorted(entry["case"] for entry in summary["cases"])
    by_case = {entry["case"]: entry for entry in summary["cases"]}
    for row in rows:
        cells = [cell.text for cell in row.find_elements("css selector", "td")]
        entry = by_case[cells[0]]
        assert cells[1:5] == [entry["status"], str(entry["attempts"]), str(len(entry["fixes"])), "1" if cells[0] == "Pr100" else "0"]
        assert float(cells[5]) == entry["duration_s"]
    assert [a.get_attribute("href").endswith("Pr100/report.md") for a in rows[0].find_elements("css selector", "a")] == [True]

    browser.find_element("css selector", 'th[data-key="duration_s"]').click()
    assert _column(browser, 5) == ["0.50", "2.00", "3.00", "4.50", "9.25"]
    browser.find_element("css selector", 'th[data-key="duration_s"]').click()
    assert _column(browser, 0)[0] == "Pr300"

    browser.find_element("id", "filter").send_keys("BucketAlreadyExists")
    assert _column(browser, 0) == ["Pr300"]
    browser.find_element("id", "filter").clear()
    browser.find_element("id", "filter").send_keys(" ")  # clear() fires no input event
    assert len(browser.find_elements("css selector", "#chart-trend circle")) == 2  # two nights in the history
    assert len(browser.find_elements("css selector", "#chart-status rect")) == len(summary["counts"]["by_status"])

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(ARTIFACTS / "dashboard.png"))
