"""End to end in headless Chromium (Debian ``chromium`` driven by Playwright).

An official logs in with a key, uploads a document with its case reference, decides a value
that occurs twice once, rejects one candidate (with a reason, after a Swedish error for the
missing one), draws a box and undoes it, draws one that stays, passes the completion gate,
compares before and after, releases with the maskeringsförteckning appended and downloads; the
downloaded PDF and its appended pages are checked. Chromium is installed by ``make system-deps``; when it
is missing this test fails (it is never skipped silently).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pymupdf
import pytest

from tests.conftest import page_text
from tests.service_support import NAME, PNR, live_server, sample_pdf

CHROMIUM = os.environ.get("MASKING_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def _browser_or_fail(p):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install the Debian package 'chromium' "
                    "(make system-deps does) or set MASKING_CHROMIUM", pytrace=False)
    return p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])


def _drag(page, img, rect, page_w, page_h, pad=(2, 1)) -> None:
    """Draw a box over ``rect`` (PDF points) with the mouse: shortcut d, then drag."""
    page.evaluate("window.scrollTo(0, 0)")
    bb = img.bounding_box()
    sx, sy = bb["width"] / page_w, bb["height"] / page_h
    x0, y0 = bb["x"] + (rect.x0 - pad[0]) * sx, bb["y"] + (rect.y0 - pad[1]) * sy
    x1, y1 = bb["x"] + (rect.x1 + pad[0]) * sx, bb["y"] + (rect.y1 + pad[1]) * sy
    page.keyboard.press("d")
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2)
    page.mouse.move(x1, y1)
    page.mouse.up()


def test_review_grouped_undo_a_box_release_download(tmp_path) -> None:
    """Grouped occurrences (the name twice: one decision), a reason that is missing (a Swedish
    message, the layout intact), a rejection, a box drawn over a line and undone, a box over a
    word kept, the side-by-side preview, release with the maskeringsförteckning appended, and
    the downloaded PDF checked."""
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        pytest.fail("the playwright package is missing: pip install -e '.[dev]'", pytrace=False)
    live = live_server()
    pdf = sample_pdf()
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        page_w, page_h = doc[0].rect.width, doc[0].rect.height
        (target,) = doc[0].search_for("läkarintyg")
        (line,) = doc[0].search_for("Ring 070-123 45 67 vid frågor.")

    with sync_playwright() as p:
        browser = _browser_or_fail(p)
        try:
            page = browser.new_page(accept_downloads=True, viewport={"width": 1400, "height": 1000})
            page.goto(live.base_url + "/ui/login")
            page.fill("#api_key", live.keys["registrar"])
            page.click("button[type=submit]")
            expect(page.locator("h1")).to_contain_text("Ladda upp")

            # a failed upload says why, in Swedish, and is listed with its reason
            page.set_input_files("input[name=file]", files=[{"name": "inte.pdf", "mimeType": "application/pdf",
                                                             "buffer": b"just text"}])
            page.click("text=Ladda upp och analysera")
            expect(page.locator("p.error")).to_have_text("Filen är inte en PDF.")
            expect(page.locator("tr.doc.st-failed .error-reason").first).to_have_text("Filen är inte en PDF.")

            page.set_input_files("input[name=file]", files=[{"name": "brev.pdf", "mimeType": "application/pdf",
                                                             "buffer": pdf}])
            page.fill("input[name=case_ref]", "KS 2026/55")
            page.click("text=Ladda upp och analysera")
            page.wait_for_url("**/ui/documents/*")
            expect(page.locator("#apply-button")).to_be_disabled()  # the gate: one candidate needs a decision

            # the name occurs twice: one entry, its words in context, a Swedish source
            grouped = page.locator('li.cand[data-count="2"]')
            expect(grouped).to_have_count(1)
            expect(grouped.locator(".words mark")).to_have_text(NAME)
            expect(grouped.locator(".source")).to_contain_text("namn i löptext")
            expect(grouped.locator("button.accept")).to_have_text("Maskera alla")

            # rejecting without a reason: a Swedish message, the pages and the list stay in place
            needs = page.locator("li.cand.needs")
            expect(needs).to_have_count(1)
            needs.locator("button.reject").click()
            expect(page.locator(".workspace-error")).to_have_text("Skriv ett skäl för att inte maskera.")
            expect(page.locator("figure.page")).to_have_count(1)
            side = page.locator("section.side").bounding_box()
            pages_box = page.locator("section.pages").bounding_box()
            assert side["x"] > pages_box["x"] + pages_box["width"] - 1  # still side by side

            # reject it with a reason (Enter in the field rejects)
            needs = page.locator("li.cand.needs")
            needs.locator("input.reason").fill("Myndighetens eget referensnummer")
            needs.locator("input.reason").press("Enter")
            expect(page.locator("li.cand.st-rejected")).to_have_count(1)
            rejected = page.locator(".box.st-rejected")
            expect(rejected).to_have_count(1)
            look = rejected.evaluate("b => { const s = getComputedStyle(b);"
                                     " return [s.borderTopStyle, s.backgroundImage, s.opacity]; }")
            assert look[0] == "dashed" and "linear-gradient" in look[1] and float(look[2]) == 1.0  # struck
            expect(page.locator("#apply-button")).to_be_enabled()

            img = page.locator('figure.page[data-page="1"] img')
            img.wait_for()
            # a box over the whole last line, then undone
            _drag(page, img, line, page_w, page_h)
            expect(page.locator("li.cand.manual")).to_have_count(1)
            expect(page.locator('.box.drawn[data-cid="m0001"]')).to_have_count(1)
            page.locator("#cand-m0001 button.delete").click()
            expect(page.locator("li.cand.manual")).to_have_count(0)
            expect(page.locator(".box.drawn")).to_have_count(0)
            # a box over "läkarintyg", kept
            _drag(page, img, target, page_w, page_h)
            expect(page.locator('.box.drawn[data-cid="m0002"]')).to_have_count(1)

            page.check("#append-list")
            page.click("#apply-button")
            page.wait_for_url("**/preview")
            expect(page.locator(".verification.ok")).to_be_visible()
            expect(page.locator("img[alt^='Originalsida']")).to_have_count(1)  # before …
            expect(page.locator("img[alt^='Maskerad sida']").first).to_be_visible()  # … and after
            before = page.locator("figure.before").bounding_box()
            after = page.locator("figure.after").first.bounding_box()
            assert abs(before["y"] - after["y"]) < 2 and after["x"] > before["x"] + before["width"] - 1
            page.check("#confirm-release")
            page.click("#release-button")
            expect(page.locator(".released")).to_contain_text("frisläppt")
            with page.expect_download() as info:
                page.click("#download-link")
            out = Path(info.value.path()).read_bytes()

            page.goto(live.base_url + "/ui/documents")
            row = page.locator("tr.doc", has_text="KS 2026/55")
            expect(row.locator("td.file")).to_have_text("brev.pdf")
            expect(row.locator("td.status")).to_contain_text("frisläppt")
            expect(row.locator("td.owner")).to_have_text("registrar-live")
        finally:
            browser.close()

    with pymupdf.open(stream=out, filetype="pdf") as doc:
        first = doc[0].get_text()
        appended = "\n".join(doc[i].get_text() for i in range(1, doc.page_count))
        assert doc.page_count >= 2 and not doc.metadata.get("author")
    assert PNR not in first and "Svensson" not in first  # masked automatically, both occurrences
    assert "läkarintyg" not in first and "lämnat in ett" in first  # the drawn box, and only it
    assert "vid frågor" in first  # the line under the undone box is still there
    assert "1234-123 456 7" in first  # the rejected candidate stays
    # the maskeringsförteckning appended: every area, with its page, type and ground, no values
    assert "Maskeringsförteckning" in appended and "Sida 1" in appended and "OSL" in appended
    assert "Svensson" not in appended and PNR not in appended and "läkarintyg" not in appended
