"""End to end in headless Chromium (Debian ``chromium`` driven by Playwright).

An official logs in with a key, uploads a document, rejects one candidate (with a reason),
draws one box with the mouse, passes the completion gate, checks the preview, releases and
downloads; the downloaded PDF is checked. Chromium is installed by ``make system-deps``; when it
is missing this test fails (it is never skipped silently).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pymupdf
import pytest

from tests.conftest import page_text
from tests.service_support import PNR, live_server, sample_pdf

CHROMIUM = os.environ.get("MASKING_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def _browser_or_fail(p):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install the Debian package 'chromium' "
                    "(make system-deps does) or set MASKING_CHROMIUM", pytrace=False)
    return p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])


def test_review_reject_draw_release_download(tmp_path) -> None:
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        pytest.fail("the playwright package is missing: pip install -e '.[dev]'", pytrace=False)
    live = live_server()
    pdf = sample_pdf()
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        page_w, page_h = doc[0].rect.width, doc[0].rect.height
        (target,) = doc[0].search_for("läkarintyg")

    with sync_playwright() as p:
        browser = _browser_or_fail(p)
        try:
            page = browser.new_page(accept_downloads=True, viewport={"width": 1400, "height": 1000})
            page.goto(live.base_url + "/ui/login")
            page.fill("#api_key", live.keys["registrar"])
            page.click("button[type=submit]")
            expect(page.locator("h1")).to_contain_text("Ladda upp")

            page.set_input_files("input[name=file]", files=[{"name": "brev.pdf", "mimeType": "application/pdf",
                                                             "buffer": pdf}])
            page.click("text=Ladda upp och analysera")
            page.wait_for_url("**/ui/documents/*")
            expect(page.locator("#apply-button")).to_be_disabled()  # the gate: one candidate needs a decision

            # reject the candidate that needs a decision, with a reason (Enter in the field rejects)
            needs = page.locator("li.cand.needs")
            expect(needs).to_have_count(1)
            needs.locator("input.reason").fill("Myndighetens eget referensnummer")
            needs.locator("input.reason").press("Enter")
            expect(page.locator("li.cand.st-rejected")).to_have_count(1)
            expect(page.locator("#apply-button")).to_be_enabled()

            # draw a box over "läkarintyg" (keyboard shortcut d, then drag)
            img = page.locator('figure.page[data-page="1"] img')
            img.wait_for()
            bb = img.bounding_box()
            sx, sy = bb["width"] / page_w, bb["height"] / page_h
            x0, y0 = bb["x"] + (target.x0 - 2) * sx, bb["y"] + (target.y0 - 1) * sy
            x1, y1 = bb["x"] + (target.x1 + 2) * sx, bb["y"] + (target.y1 + 1) * sy
            page.keyboard.press("d")
            expect(page.locator("body.drawing")).to_have_count(1)
            page.mouse.move(x0, y0)
            page.mouse.down()
            page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2)
            page.mouse.move(x1, y1)
            page.mouse.up()
            expect(page.locator("li.cand.manual")).to_have_count(1)
            expect(page.locator('.box[data-cid="m0001"]')).to_have_count(1)

            page.click("#apply-button")
            page.wait_for_url("**/preview")
            expect(page.locator(".verification.ok")).to_be_visible()
            expect(page.locator("img[alt^='Maskerad sida']")).to_have_count(1)
            page.check("#confirm-release")
            page.click("#release-button")
            expect(page.locator(".released")).to_contain_text("frisläppt")
            with page.expect_download() as info:
                page.click("#download-link")
            out = Path(info.value.path()).read_bytes()
        finally:
            browser.close()

    text = page_text(out)
    assert PNR not in text and "Svensson" not in text  # masked automatically
    assert "läkarintyg" not in text and "lämnat in ett" in text  # the drawn box, and only it
    assert "1234-123 456 7" in text  # the rejected candidate stays
    with pymupdf.open(stream=out, filetype="pdf") as doc:
        assert doc.page_count == 1 and not doc.metadata.get("author")
