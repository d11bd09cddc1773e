"""Builders of hostile PDFs: bad redactions made by other methods, private data in places a
reader does not see, and the clean cases that must not raise an alarm.

Every builder returns PDF bytes. The personal data is synthetic (a personnummer with a valid
check digit that belongs to no-one known, and a made-up name).
"""

from __future__ import annotations

import pymupdf

NAME = "Anna Andersson"
PNR = "811218-9876"
LINE = f"Sökande {NAME} med personnummer {PNR} har ansökt."
PLAIN = "Beslutet gäller från och med första dagen i nästa månad."
X, Y, SIZE = 72, 100, 11


def _doc_with_line(text: str = LINE, **kw) -> tuple[pymupdf.Document, pymupdf.Page]:
    doc = pymupdf.open()
    page = doc.new_page()  # A4 portrait, 595 x 842
    page.insert_text((X, Y), text, fontsize=SIZE, fontname="helv", **kw)
    page.insert_text((X, Y + 40), PLAIN, fontsize=SIZE, fontname="helv")
    return doc, page


def _value_rect(page: pymupdf.Page, value: str = PNR) -> pymupdf.Rect:
    return page.search_for(value)[0]


def _bytes(doc: pymupdf.Document) -> bytes:
    try:
        return doc.tobytes(garbage=3, deflate=True)
    finally:
        doc.close()


# -- bad redactions -------------------------------------------------------------------------

def box_over_text() -> bytes:
    """A black rectangle drawn over the value: it is still in the text layer."""
    doc, page = _doc_with_line()
    page.draw_rect(_value_rect(page) + (-1, -1, 1, 1), color=None, fill=(0, 0, 0))
    return _bytes(doc)


def dark_text_on_dark_box() -> bytes:
    """The value in black on a black box drawn first (x-ray's same-colour case)."""
    doc = pymupdf.open()
    page = doc.new_page()
    tmp = pymupdf.open()
    probe = tmp.new_page()
    probe.insert_text((X, Y), LINE, fontsize=SIZE, fontname="helv")
    r = probe.search_for(PNR)[0]
    tmp.close()
    page.draw_rect(r + (-1, -1, 1, 1), color=None, fill=(0, 0, 0))
    page.insert_text((X, Y), LINE, fontsize=SIZE, fontname="helv", color=(0, 0, 0))
    page.insert_text((X, Y + 40), PLAIN, fontsize=SIZE, fontname="helv")
    return _bytes(doc)


def black_highlight() -> bytes:
    """A black, opaque highlight annotation over the value."""
    doc, page = _doc_with_line()
    annot = page.add_highlight_annot(_value_rect(page))
    annot.set_colors(stroke=(0, 0, 0))
    annot.set_opacity(1.0)
    annot.update()
    return _bytes(doc)


def black_square_annotation() -> bytes:
    """A filled black square annotation (a "redaction" drawn in a PDF viewer's comment tools)."""
    doc, page = _doc_with_line()
    annot = page.add_rect_annot(_value_rect(page))
    annot.set_colors(stroke=(0, 0, 0), fill=(0, 0, 0))
    annot.update()
    return _bytes(doc)


def white_text() -> bytes:
    """The value in white on the white page."""
    doc, page = _doc_with_line(PLAIN)
    page.insert_text((X, Y + 80), f"{NAME} {PNR}", fontsize=SIZE, fontname="helv", color=(1, 1, 1))
    return _bytes(doc)


def _pattern_pixmap(width: int, height: int) -> pymupdf.Pixmap:
    """A picture that is not one colour (stripes), so hiding is not judged by flatness alone."""
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, width, height), 0)
    pix.clear_with(230)
    for x in range(0, width, 6):
        pix.set_rect(pymupdf.IRect(x, 0, x + 3, height), (40, 90, 160))
    return pix


def text_under_image() -> bytes:
    """An image (a striped picture, not a black box) laid over the value."""
    doc, page = _doc_with_line()
    r = _value_rect(page) + (-2, -2, 2, 2)
    page.insert_image(r, pixmap=_pattern_pixmap(120, 24), keep_proportion=False)
    return _bytes(doc)


def image_clipped_above_text(clipped: bool = True) -> bytes:
    """A banner image whose bounding box reaches over the first line, with a clip path that cuts
    it off above the line, so the line is plainly visible (as on page 19 of x-ray's
    no_bad_redactions.5.5.pdf). ``clipped=False``: the same image unclipped hides the line."""
    doc, page = _doc_with_line(PLAIN)
    page.insert_image(pymupdf.Rect(X - 10, Y - 60, X + 400, Y + 8), pixmap=_pattern_pixmap(120, 24),
                      keep_proportion=False)
    if clipped:
        xref = page.get_contents()[-1]
        h = page.rect.height
        clip = b"q %d %d %d %d re W n\n" % (X - 10, h - (Y - 20), 410, 40)  # PDF y is bottom-up
        doc.update_stream(xref, clip + doc.xref_stream(xref) + b"\nQ\n")
    return _bytes(doc)


def black_stamp_on_dark_background() -> bytes:
    """A dark background filling the lower half of a cover page, with a black exhibit stamp on
    it: low-contrast text on a background, not text hidden by a redaction box (page 4 of
    x-ray's no_bad_redactions.5.5.pdf)."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((X, Y), PLAIN, fontsize=SIZE, fontname="helv")
    page.draw_rect(pymupdf.Rect(0, 420, 595, 842), color=None, fill=(0.094, 0.086, 0.149))
    page.insert_text((460, 820), "Exh. B - 4", fontsize=SIZE, fontname="helv", color=(0, 0, 0))
    return _bytes(doc)


def thick_line_over_text() -> bytes:
    """A thick black line struck over the value."""
    doc, page = _doc_with_line()
    r = _value_rect(page)
    mid = (r.y0 + r.y1) / 2
    page.draw_line((r.x0 - 2, mid), (r.x1 + 2, mid), color=(0, 0, 0), width=r.height + 4)
    return _bytes(doc)


def cross_hatched_box() -> bytes:
    """A black box with a white hatch pattern drawn over the value."""
    doc, page = _doc_with_line()
    r = _value_rect(page) + (-1, -1, 1, 1)
    page.draw_rect(r, color=None, fill=(0, 0, 0))
    shape = page.new_shape()
    x = r.x0 - r.height
    while x < r.x1:
        shape.draw_line((max(x, r.x0), r.y1 - max(0, r.x0 - x)), (min(x + r.height, r.x1), r.y0 + max(0, x + r.height - r.x1)))
        x += 5
    shape.finish(color=(1, 1, 1), width=0.8)
    shape.commit()
    return _bytes(doc)


def hidden_layer() -> bytes:
    """The value in an optional-content layer that is switched off by default."""
    doc, page = _doc_with_line(PLAIN)
    ocg = doc.add_ocg("Anteckningar", on=False)
    page.insert_text((X, Y + 80), f"{NAME} {PNR}", fontsize=SIZE, fontname="helv", oc=ocg)
    return _bytes(doc)


def layer_shown_when_off() -> bytes:
    """The value visible only when a layer (on by default) is switched off: ``/P /AllOff``."""
    doc, page = _doc_with_line(PLAIN)
    ocg = doc.add_ocg("Standard", on=True)
    ocmd = doc.set_ocmd(ocgs=[ocg], policy="AllOff")
    page.insert_text((X, Y + 80), f"{NAME} {PNR}", fontsize=SIZE, fontname="helv", oc=ocmd)
    return _bytes(doc)


def tiny_text() -> bytes:
    """The value in 0.5 pt type."""
    doc, page = _doc_with_line(PLAIN)
    page.insert_text((X, Y + 80), f"{NAME} {PNR}", fontsize=0.5, fontname="helv")
    return _bytes(doc)


def text_off_page() -> bytes:
    """The value drawn outside the visible page (left of the crop box)."""
    doc, page = _doc_with_line(PLAIN)
    page.insert_text((-400, Y + 80), f"{NAME} {PNR}", fontsize=SIZE, fontname="helv")
    return _bytes(doc)


def text_outside_cropbox() -> bytes:
    """The value on the media box but outside a smaller crop box."""
    doc, page = _doc_with_line(PLAIN)
    page.insert_text((X, 800), f"{NAME} {PNR}", fontsize=SIZE, fontname="helv")
    page.set_cropbox(pymupdf.Rect(0, 0, 595, 600))
    return _bytes(doc)


def _scan(burn_box: bool, text: str = LINE) -> bytes:
    """A searchable scan: the page as an image with an invisible OCR layer exactly over it.
    With ``burn_box`` the value is blacked out in the image, but the OCR layer still has it."""
    src, page = _doc_with_line(text)
    if burn_box:
        page.draw_rect(_value_rect(page) + (-1, -1, 1, 1), color=None, fill=(0, 0, 0))
    pix = page.get_pixmap(dpi=150)
    src.close()
    doc = pymupdf.open()
    out = doc.new_page()
    out.insert_image(out.rect, pixmap=pix)
    out.insert_text((X, Y), text, fontsize=SIZE, fontname="helv", render_mode=3)
    out.insert_text((X, Y + 40), PLAIN, fontsize=SIZE, fontname="helv", render_mode=3)
    return _bytes(doc)


def scan_with_burned_box() -> bytes:
    return _scan(burn_box=True)


def piece_info() -> bytes:
    """Private application data (``/PieceInfo``) on the page."""
    doc, page = _doc_with_line(PLAIN)
    doc.xref_set_key(page.xref, "PieceInfo", f"<</Editor <</Private ({NAME}) /LastModified (D:20240101)>>>>")
    return _bytes(doc)


def uri_with_personal_data() -> bytes:
    """A link whose URI carries a personnummer."""
    doc, page = _doc_with_line(PLAIN)
    page.insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(X, Y + 30, X + 200, Y + 45),
                      "uri": f"https://e-tjanst.example.se/arende?pnr={PNR.replace('-', '')}"})
    return _bytes(doc)


def personal_data_left_in_text() -> bytes:
    """A "masked" document that still holds a personnummer in plain text."""
    doc, _ = _doc_with_line(f"Maskerad version. Sökandens personnummer {PNR}.")
    return _bytes(doc)


# Each bad method and the inspect check that must flag it (personal-data analysis off).
BAD_METHODS = {
    "box_over_text": (box_over_text, "text_under_box"),
    "dark_text_on_dark_box": (dark_text_on_dark_box, "text_under_box"),
    "black_highlight": (black_highlight, "annotation_over_text"),
    "black_square_annotation": (black_square_annotation, "annotation_over_text"),
    "white_text": (white_text, "invisible_text"),
    "text_under_image": (text_under_image, "text_under_image"),
    "thick_line_over_text": (thick_line_over_text, "text_under_graphics"),
    "cross_hatched_box": (cross_hatched_box, "cross_hatched_box"),
    "hidden_layer": (hidden_layer, "hidden_layer"),
    "layer_shown_when_off": (layer_shown_when_off, "hidden_layer"),
    "tiny_text": (tiny_text, "invisible_text"),
    "text_off_page": (text_off_page, "invisible_text"),
    "text_outside_cropbox": (text_outside_cropbox, "invisible_text"),
    "scan_with_burned_box": (scan_with_burned_box, "text_under_box"),
    "piece_info": (piece_info, "piece_info"),
}

# Found by the analyzer (personal-data analysis on).
PERSONAL_DATA = {
    "uri_with_personal_data": uri_with_personal_data,
    "personal_data_left_in_text": personal_data_left_in_text,
}


# -- clean cases (no alarm) -----------------------------------------------------------------

def searchable_scan() -> bytes:
    """A scan with a correct OCR layer under (over) its image: normal, not a finding."""
    return _scan(burn_box=False, text="Ärendet avser bostadsbidrag för perioden januari till juni.")


def producer_metadata() -> bytes:
    """Producer and creator tool strings that look like names to a careless analyzer."""
    doc, _ = _doc_with_line(PLAIN)
    doc.set_metadata({
        "producer": "Adobe PDF Library 17.11.238; modified using iText® 7.1.16 ©2000-2021 iText Group NV",
        "creator": "Microsoft® Word för Microsoft 365",
        "title": "Beslut om bostadsbidrag",
    })
    return _bytes(doc)


def labels_on_black_boxes() -> bytes:
    """Black boxes with white labels on them and nothing under them (as a true redaction looks)."""
    doc, page = _doc_with_line(PLAIN)
    r = pymupdf.Rect(X, Y + 70, X + 90, Y + 84)
    page.draw_rect(r, color=None, fill=(0, 0, 0))
    page.insert_text((r.x0 + 3, r.y1 - 3), "OSL 21:7", fontsize=8, fontname="helv", color=(1, 1, 1))
    return _bytes(doc)


CLEAN = {
    "searchable_scan": searchable_scan,
    "producer_metadata": producer_metadata,
    "labels_on_black_boxes": labels_on_black_boxes,
}


# -- bad inputs (intake must refuse them with a one-line error, never crash) -----------------

def huge_image(side: int = 30000, full_stream: bool = False) -> bytes:
    """A PDF holding a ``side`` x ``side`` RGB image: refused by its dictionary's /Width and
    /Height. With ``full_stream`` the stream really inflates to side*side*3 bytes (slow to
    build); else it holds one row (a decoder would still allocate for the whole image)."""
    import zlib

    c = zlib.compressobj(9)
    row = b"\x80" * (side * 3)
    stream = b"".join(c.compress(row) for _ in range(side if full_stream else 1)) + c.flush()
    doc, page = _doc_with_line(PLAIN)
    xref = doc.get_new_xref()
    doc.update_object(xref, f"<</Type/XObject/Subtype/Image/Width {side}/Height {side}/ColorSpace/DeviceRGB"
                            f"/BitsPerComponent 8>>")
    doc.update_stream(xref, stream, compress=False)
    doc.xref_set_key(xref, "Filter", "/FlateDecode")
    kind, res = doc.xref_get_key(page.xref, "Resources")
    rx = int(res.split()[0]) if kind == "xref" else page.xref
    prefix = "" if kind == "xref" else "Resources/"
    doc.xref_set_key(rx, prefix + "XObject", f"<</ImHuge {xref} 0 R>>")
    cx = doc.get_new_xref()
    doc.update_object(cx, "<<>>")
    doc.update_stream(cx, b"q 400 0 0 400 50 300 cm /ImHuge Do Q")
    doc.xref_set_key(page.xref, "Contents", f"[{page.get_contents()[0]} 0 R {cx} 0 R]")
    return doc.tobytes()


def huge_inline_image(side: int = 30000, in_form: bool = False) -> bytes:
    """A page whose content stream draws an inline image (``BI /W side /H side … ID … EI``) of
    ``side`` x ``side`` RGB pixels (the data holds one row; a decoder would allocate the whole
    image). With ``in_form`` the inline image is inside a Form XObject the page draws."""
    import zlib

    row = zlib.compress(b"\x80" * (side * 3), 9)
    inline = (b"q 400 0 0 400 50 300 cm BI /W %d /H %d /CS /RGB /BPC 8 /F /Fl ID\n" % (side, side)
              + row + b"\nEI Q\n")
    doc, page = _doc_with_line(PLAIN)
    if not in_form:
        _append_content(doc, page, inline)
        return doc.tobytes()
    fx = doc.get_new_xref()
    doc.update_object(fx, "<</Type/XObject/Subtype/Form/BBox[0 0 595 842]>>")
    doc.update_stream(fx, inline, compress=False)
    kind, res = doc.xref_get_key(page.xref, "Resources")
    rx = int(res.split()[0]) if kind == "xref" else page.xref
    prefix = "" if kind == "xref" else "Resources/"
    doc.xref_set_key(rx, prefix + "XObject", f"<</FmBig {fx} 0 R>>")
    _append_content(doc, page, b"q /FmBig Do Q")
    return doc.tobytes()


def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF written by hand from object bodies (object 1 is the catalog), with a correct
    cross-reference table, so MuPDF reads it as it is, without repair."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def page_count_lie(count: int = 2**31) -> bytes:
    """A one-page PDF whose page tree claims ``count`` pages."""
    content = b"BT /F1 11 Tf 72 720 Td (Beslut) Tj ET"
    return raw_pdf([
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count %d>>" % count,
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>",
        b"<</Length %d>>stream\n" % len(content) + content + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ])


def tiff_empty_ifd() -> bytes:
    """A TIFF header whose first image file directory has no entries."""
    import struct

    return b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 0) + struct.pack("<I", 0)


def text_pdf() -> bytes:
    doc, _ = _doc_with_line()
    return _bytes(doc)


def truncated_pdf() -> bytes:
    """A valid PDF cut before its cross-reference table: MuPDF repairs it."""
    data = text_pdf()
    return data[: data.rfind(b"xref")]


# -- private data that sanitising must remove (#13 item 4) ------------------------------------

SECRET = "Greta Garbo 121212-1212"  # only in places a reader does not see


def private_objects() -> bytes:
    """/PieceInfo on the page, an image and a Form XObject, and /ActualText and /Alt in marked
    content, each holding :data:`SECRET`; the page itself shows only plain words."""
    doc, page = _doc_with_line(PLAIN)
    piece = f"<</Editor <</Private ({SECRET}) /LastModified (D:20240101)>>>>"
    doc.xref_set_key(page.xref, "PieceInfo", piece)
    pix = _pattern_pixmap(40, 20)
    img = page.insert_image(pymupdf.Rect(X, 300, X + 80, 340), pixmap=pix)
    doc.xref_set_key(img, "PieceInfo", piece)
    src = pymupdf.open()
    src.new_page(width=200, height=50).insert_text((10, 30), "Bilaga", fontsize=11, fontname="helv")
    form = page.show_pdf_page(pymupdf.Rect(X, 400, X + 200, 450), src, 0)
    src.close()
    for xref in range(1, doc.xref_length()):
        if doc.xref_get_key(xref, "Subtype")[1] == "/Form":
            doc.xref_set_key(xref, "PieceInfo", piece)
    marked = (f"/Span <</ActualText ({SECRET})>> BDC BT /helv 11 Tf {X} 600 Td (Ersatt) Tj ET EMC\n"
              f"/Figure <</Alt <{SECRET.encode('utf-16-be').hex()}>>> BDC EMC\n").encode("latin-1")
    cx = doc.get_new_xref()
    doc.update_object(cx, "<<>>")
    doc.update_stream(cx, marked)
    contents = page.get_contents()
    doc.xref_set_key(page.xref, "Contents", "[" + " ".join(f"{c} 0 R" for c in contents) + f" {cx} 0 R]")
    del form
    return _bytes(doc)


def _js(code: str) -> str:
    return f"<</S/JavaScript/JS ({code})>>"


def javascript_everywhere() -> bytes:
    """JavaScript in every place a PDF can hold it, each script holding a personnummer and a name:
    the catalog's /OpenAction and /AA, the /Names /JavaScript tree (a script as a stream), the
    page's /AA, a link annotation's /A and /AA, and a form field's keystroke, format, validate and
    calculate actions (/AA /K /F /V /C) with the value as its default too. The page shows
    :data:`LINE` (the value as text, masked) and nothing of :data:`SECRET`, which only the
    scripts hold."""
    doc, page = _doc_with_line()
    cat = doc.pdf_catalog()
    doc.xref_set_key(cat, "OpenAction", _js(f"app.alert('{SECRET}')"))
    doc.xref_set_key(cat, "AA", f"<</WC {_js('this.info.x=' + repr(SECRET))}>>")
    js = doc.get_new_xref()
    doc.update_object(js, "<<>>")
    doc.update_stream(js, f"var sokande = '{NAME} {PNR}'; var annan = '{SECRET}';".encode("latin-1"))
    action = doc.get_new_xref()
    doc.update_object(action, f"<</S/JavaScript/JS {js} 0 R>>")
    doc.xref_set_key(cat, "Names", f"<</JavaScript <</Names [(init) {action} 0 R]>>>>")
    doc.xref_set_key(page.xref, "AA", f"<</O {_js('var p=' + repr(SECRET))} /C {_js(PNR)}>>")
    link = page.insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(X, 300, X + 100, 320),
                             "uri": "https://example.org/"})
    del link
    for xref in range(1, doc.xref_length()):
        if doc.xref_get_key(xref, "Subtype")[1] == "/Link":
            doc.xref_set_key(xref, "A", _js(f"app.launchURL('x?p={SECRET}')"))
            doc.xref_set_key(xref, "AA", f"<</E {_js(SECRET)}>>")
    w = pymupdf.Widget()
    w.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
    w.field_name = "pnr"
    w.rect = pymupdf.Rect(X, 360, X + 200, 380)
    w.field_value = ""
    page.add_widget(w)
    for xref in range(1, doc.xref_length()):
        if doc.xref_get_key(xref, "FT")[1] == "/Tx":
            doc.xref_set_key(xref, "AA", "<<" + "".join(f"/{k} {_js(f'event.value={SECRET!r}')}" for k in "KFVC")
                             + ">>")
            doc.xref_set_key(xref, "DV", f"({SECRET})")
    return _bytes(doc)


JAVASCRIPT_KEYS = (b"/JavaScript", b"/JS", b"/AA", b"/OpenAction")


# -- what the eye reads but the text layer does not say (#13 item 2, visual verification) -----

VALUE = f"{NAME} {PNR}"  # drawn as pixels, outlines or untrustworthy glyphs by the builders below


def _value_pixmap(text: str = VALUE, size: float = 14, dpi: int = 200) -> pymupdf.Pixmap:
    """``text`` rendered to a grey picture (black on white), as a scanner or a stamp would."""
    tmp = pymupdf.open()
    page = tmp.new_page(width=400, height=40)
    page.insert_text((8, 27), text, fontsize=size, fontname="helv")
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
    tmp.close()
    return pix


def value_in_image() -> bytes:
    """A text page with an image (a pasted picture) that shows the value as pixels."""
    doc, page = _doc_with_line(PLAIN)
    page.insert_image(pymupdf.Rect(X, 300, X + 400, 340), pixmap=_value_pixmap())
    return _bytes(doc)


# -- one value in pixels and in text (#13: decide per value across image and text) --------------

LINKED_NAME = "Eva Vinter"  # a surname that is a common word: alone, it is no name to the analyzer
LINKED_LINE = f"Sökande {LINKED_NAME} med personnummer {PNR} har ansökt."
LINKED_ALONE = "Yttrande från Vinter inkom i tid."  # the surname alone: not detected on its own


def image_and_text(image_text: str, page_line: str) -> bytes:
    """A text page holding ``page_line`` as text and an image (a pasted picture) that shows
    ``image_text`` as pixels."""
    doc, page = _doc_with_line(page_line)
    page.insert_image(pymupdf.Rect(X, 300, X + 400, 340), pixmap=_value_pixmap(image_text))
    return _bytes(doc)


def name_in_image_surname_in_text() -> bytes:
    """The image shows the full name and personnummer (found there); the text says the surname
    alone, which the analyzer does not take for a name in the text by itself."""
    return image_and_text(f"{LINKED_NAME} {PNR}", LINKED_ALONE)


def name_in_text_surname_in_image() -> bytes:
    """The text names the applicant (found there); the image shows the surname alone, which the
    analyzer does not take for a name in the image's words by themselves."""
    return image_and_text(LINKED_ALONE, LINKED_LINE)


def _append_content(doc: pymupdf.Document, page: pymupdf.Page, data: bytes) -> None:
    cx = doc.get_new_xref()
    doc.update_object(cx, "<<>>")
    doc.update_stream(cx, data)
    contents = page.get_contents()
    doc.xref_set_key(page.xref, "Contents", "[" + " ".join(f"{c} 0 R" for c in contents) + f" {cx} 0 R]")


def value_in_inline_image() -> bytes:
    """A text page whose content stream holds an inline image (``BI … ID … EI``) of the value."""
    doc, page = _doc_with_line(PLAIN)
    pix = _value_pixmap()
    samples = pix.samples if pix.stride == pix.width else b"".join(
        pix.samples[r * pix.stride : r * pix.stride + pix.width] for r in range(pix.height))
    h = page.rect.height
    inline = (b"q 400 0 0 40 %d %d cm BI /W %d /H %d /CS /G /BPC 8 /F /AHx ID\n" % (X, h - 340, pix.width, pix.height)
              + samples.hex().encode("ascii") + b">\nEI Q\n")
    _append_content(doc, page, inline)
    return _bytes(doc)


def value_in_background_image() -> bytes:
    """A page-size background image (a form, letterhead or earlier scan) with the value in its
    pixels, under a visible text layer of other words."""
    tmp = pymupdf.open()
    bg = tmp.new_page()
    bg.draw_rect(pymupdf.Rect(30, 30, 565, 812), color=(0.6, 0.6, 0.6), width=1)
    bg.insert_text((X, 400), VALUE, fontsize=13, fontname="helv")
    pix = bg.get_pixmap(dpi=150, colorspace=pymupdf.csGRAY, alpha=False)
    tmp.close()
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_image(page.rect, pixmap=pix)
    for k in range(6):
        page.insert_text((X, Y + 20 * k), PLAIN, fontsize=SIZE, fontname="helv")
    return _bytes(doc)


def value_in_stamp() -> bytes:
    """A stamp annotation whose appearance is an image of the value (baked into the page by
    intake, where it is an image inside a Form XObject)."""
    doc, page = _doc_with_line(PLAIN)
    page.add_stamp_annot(pymupdf.Rect(X, 300, X + 400, 340), stamp=_value_pixmap().tobytes("png"))
    return _bytes(doc)


def value_as_outlines() -> bytes:
    """The value drawn as vector outlines (filled paths, no text), beside ordinary text."""
    tmp = pymupdf.open()
    src = tmp.new_page(width=400, height=40)
    src.insert_text((8, 27), VALUE, fontsize=14, fontname="helv")
    svg = src.get_svg_image(text_as_path=True)
    tmp.close()
    paths = pymupdf.open("svg", svg.encode("utf-8"))
    pdf = pymupdf.open("pdf", paths.convert_to_pdf())
    paths.close()
    doc, page = _doc_with_line(PLAIN)
    page.show_pdf_page(pymupdf.Rect(X, 300, X + 400, 340), pdf, 0)
    pdf.close()
    return _bytes(doc)


def _cmap(pairs: dict[int, str]) -> bytes:
    body = "".join(f"<{code:02X}> <{ch.encode('utf-16-be').hex().upper()}>\n" for code, ch in sorted(pairs.items()))
    return ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <00> <FF> endcodespacerange\n"
            f"{len(pairs)} beginbfchar\n{body}endbfchar\n"
            "endcmap CMapName currentdict /CMap defineresource pop end end\n").encode("ascii")


def _page_with_font(font_obj: bytes, extra: list[bytes], text: bytes) -> bytes:
    """One page: a line of plain Helvetica text and ``text`` shown in font /F2 (object 6)."""
    content = (b"BT /F1 11 Tf 72 742 Td (" + PLAIN.encode("latin-1") + b") Tj ET\n"
               b"BT /F2 14 Tf 72 500 Td (" + text + b") Tj ET\n")
    return raw_pdf([
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 5 0 R/F2 6 0 R>>>>/Contents 4 0 R>>",
        b"<</Length %d>>stream\n" % len(content) + content + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>",
        font_obj,
    ] + extra)


def wrong_tounicode() -> bytes:
    """Helvetica whose /ToUnicode map is wrong: the page shows the value, the text layer says
    other characters (every letter and digit maps to a different one)."""
    def shift(c: str) -> str:
        if c.isdigit():
            return str((int(c) + 3) % 10)
        if c.isalpha() and c.isascii():
            base = ord("a") if c.islower() else ord("A")
            return chr(base + (ord(c) - base + 7) % 26)
        return c

    shown = VALUE.encode("latin-1")
    cmap = _cmap({b: shift(chr(b)) for b in set(shown)})
    return _page_with_font(
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding/ToUnicode 7 0 R>>",
        [b"<</Length %d>>stream\n" % len(cmap) + cmap + b"\nendstream"],
        shown,
    )


def type3_font() -> bytes:
    """A Type3 font whose glyph procedures draw the value's characters with Helvetica text
    (text inside a glyph procedure); its codes are private (/Differences names g0, g1 …) and it
    has no ToUnicode, so the text layer holds no readable value."""
    shown = sorted(set(VALUE))
    codes = {ch: 33 + i for i, ch in enumerate(shown)}
    procs = []
    for ch in shown:
        esc = ch.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")
        procs.append(b"600 0 0 -200 600 800 d1 BT /H 1000 Tf 0 0 Td (" + esc + b") Tj ET")
    first = 8  # object number of the first glyph procedure
    charprocs = b" ".join(b"/g%d %d 0 R" % (i, first + 1 + i) for i in range(len(shown)))
    diffs = b" ".join(b"/g%d" % i for i in range(len(shown)))
    widths = b" ".join(b"%d" % int(pymupdf.Font("helv").text_length(ch, 1000) or 500) for ch in shown)
    font = (b"<</Type/Font/Subtype/Type3/FontBBox[0 -200 1000 1000]/FontMatrix[0.001 0 0 0.001 0 0]"
            b"/CharProcs 7 0 R/Encoding<</Type/Encoding/Differences[33 " + diffs + b"]>>"
            b"/FirstChar 33/LastChar %d/Widths[" % (33 + len(shown) - 1) + widths + b"]"
            b"/Resources<</Font<</H 8 0 R>>>>>>")
    extra = [b"<<" + charprocs + b">>", b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>"]
    extra += [b"<</Length %d>>stream\n" % len(p) + p + b"\nendstream" for p in procs]
    text = bytes(codes[ch] for ch in VALUE).replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return _page_with_font(font, extra, text)


# Each class of value that only the pixels show; stage verify must read it (#13 item 2).
VISUAL = {
    "image": value_in_image,
    "inline_image": value_in_inline_image,
    "background_image": value_in_background_image,
    "stamp": value_in_stamp,
    "outlines": value_as_outlines,
    "wrong_tounicode": wrong_tounicode,
    "type3": type3_font,
}


# -- optional content resolved to what a default viewer shows (#13 item 4) --------------------
# Each builder draws LAYER_VALUE under some optional-content rule beside plain text. SHOWN: a
# default viewer shows the value (it must be masked); HIDDEN: it hides it (it must be gone).

LAYER_VALUE = f"{NAME} {PNR}"
LAYER_AT = (X, Y + 80)


def _layer_doc() -> tuple[pymupdf.Document, pymupdf.Page]:
    return _doc_with_line(PLAIN)


def _layer_text(doc: pymupdf.Document, page: pymupdf.Page, oc: int) -> None:
    page.insert_text(LAYER_AT, LAYER_VALUE, fontsize=SIZE, fontname="helv", oc=oc)


def _ocmd(on: list[bool], policy: str) -> bytes:
    doc, page = _layer_doc()
    ocgs = [doc.add_ocg(f"Lager {i}", on=state) for i, state in enumerate(on)]
    _layer_text(doc, page, doc.set_ocmd(ocgs=ocgs, policy=policy))
    return _bytes(doc)


def _ve(expr) -> bytes:
    """``expr`` is built from the group states: a callable given (on_group, off_group)."""
    doc, page = _layer_doc()
    g_on = doc.add_ocg("Standard", on=True)
    g_off = doc.add_ocg("Extra", on=False)
    _layer_text(doc, page, doc.set_ocmd(ve=expr(g_on, g_off)))
    return _bytes(doc)


def layer_shown_when_other_off() -> bytes:
    """/P /AllOff over a group that is off by default: shown (the case the pipeline missed)."""
    return _ocmd([False], "AllOff")


def layer_anyoff_shown() -> bytes:
    return _ocmd([True, False], "AnyOff")


def layer_allon_hidden() -> bytes:
    return _ocmd([True, False], "AllOn")


def layer_ve_not_shown() -> bytes:
    """/VE [/Not off-group]: shown."""
    return _ve(lambda on, off: ["not", off])


def layer_ve_and_hidden() -> bytes:
    """/VE [/And on-group [/Not on-group]]: never shown."""
    return _ve(lambda on, off: ["and", on, ["not", on]])


def layer_ve_or_shown() -> bytes:
    return _ve(lambda on, off: ["or", off, ["not", off]])


def layer_basestate_off() -> bytes:
    """/BaseState /OFF: a group listed in neither /ON nor /OFF is off; the value is hidden,
    while a group listed in /ON shows the plain line."""
    doc, page = _layer_doc()
    g_hidden = doc.add_ocg("Utkast", on=True)
    g_listed = doc.add_ocg("Text", on=True)
    _layer_text(doc, page, g_hidden)
    page.insert_text((X, Y + 120), PLAIN, fontsize=SIZE, fontname="helv", oc=g_listed)
    cat = doc.pdf_catalog()
    doc.xref_set_key(cat, "OCProperties/D/BaseState", "/OFF")
    doc.xref_set_key(cat, "OCProperties/D/ON", f"[{g_listed} 0 R]")
    doc.xref_set_key(cat, "OCProperties/D/OFF", "[]")
    return _bytes(doc)


def layer_image_hidden() -> bytes:
    """An image XObject of the value whose /OC group is off: hidden."""
    doc, page = _layer_doc()
    ocg = doc.add_ocg("Bild", on=False)
    page.insert_image(pymupdf.Rect(X, 300, X + 400, 340), pixmap=_value_pixmap(), oc=ocg)
    return _bytes(doc)


def layer_image_shown_when_off() -> bytes:
    """An image XObject of the value under /P /AllOff of a group that is off: shown."""
    doc, page = _layer_doc()
    ocg = doc.add_ocg("Bild", on=False)
    ocmd = doc.set_ocmd(ocgs=[ocg], policy="AllOff")
    page.insert_image(pymupdf.Rect(X, 300, X + 400, 340), pixmap=_value_pixmap(), oc=ocmd)
    return _bytes(doc)


def layer_annotation_hidden() -> bytes:
    """A free-text annotation with the value whose /OC group is off: hidden."""
    doc, page = _layer_doc()
    ocg = doc.add_ocg("Kommentarer", on=False)
    annot = page.add_freetext_annot(pymupdf.Rect(X, 300, X + 300, 330), LAYER_VALUE, fontsize=11)
    annot.set_oc(ocg)
    annot.update()
    return _bytes(doc)


def layer_annotation_shown_when_off() -> bytes:
    doc, page = _layer_doc()
    ocg = doc.add_ocg("Kommentarer", on=False)
    annot = page.add_freetext_annot(pymupdf.Rect(X, 300, X + 300, 330), LAYER_VALUE, fontsize=11)
    annot.set_oc(doc.set_ocmd(ocgs=[ocg], policy="AllOff"))
    annot.update()
    return _bytes(doc)


def _page_resources(doc: pymupdf.Document, page: pymupdf.Page) -> tuple[int, str]:
    """Where keys of the page's resource dictionary are set: (xref, key prefix)."""
    kind, res = doc.xref_get_key(page.xref, "Resources")
    if kind == "xref":
        return int(res.split()[0]), ""
    return page.xref, "Resources/"


_HELV = "<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>"


def _form_with_marked(visible_when_off: bool) -> bytes:
    """A Form XObject whose own content holds an /OC marked-content section with the value."""
    doc, page = _layer_doc()
    g = doc.add_ocg("Intern", on=False)
    oc = doc.set_ocmd(ocgs=[g], policy="AllOff") if visible_when_off else g
    fx = doc.get_new_xref()
    doc.update_object(fx, f"<</Type/XObject/Subtype/Form/BBox[0 0 400 60]"
                          f"/Resources<</Properties<</MC0 {oc} 0 R>>/Font<</F9 {_HELV}>>>>>>")
    doc.update_stream(fx, b"/OC /MC0 BDC BT /F9 11 Tf 8 30 Td (" + LAYER_VALUE.encode("latin-1") + b") Tj ET EMC")
    rx, prefix = _page_resources(doc, page)
    doc.xref_set_key(rx, prefix + "XObject", f"<</Fm9 {fx} 0 R>>")
    _append_content(doc, page, b"q 1 0 0 1 %d %d cm /Fm9 Do Q\n" % (X, int(page.rect.height) - 360))
    return _bytes(doc)


def layer_in_form_hidden() -> bytes:
    return _form_with_marked(False)


def layer_in_form_shown_when_off() -> bytes:
    return _form_with_marked(True)


def layer_across_streams() -> bytes:
    """A hidden /OC section opened in one content stream and closed in the next."""
    doc, page = _layer_doc()
    ocg = doc.add_ocg("Delad", on=False)
    rx, prefix = _page_resources(doc, page)
    doc.xref_set_key(rx, prefix + "Properties", f"<</MC9 {ocg} 0 R>>")
    x, y = LAYER_AT[0], page.rect.height - LAYER_AT[1]
    _append_content(doc, page, b"/OC /MC9 BDC BT /helv 11 Tf %d %d Td (" % (x, y)
                    + LAYER_VALUE.encode("latin-1") + b") Tj ET\n")
    _append_content(doc, page, b"EMC\n")
    doc.xref_set_key(rx, prefix + "Font/helv", _HELV)
    return _bytes(doc)


LAYERS_SHOWN = {
    "all_off_of_off_group": layer_shown_when_other_off,
    "any_off": layer_anyoff_shown,
    "ve_not": layer_ve_not_shown,
    "ve_or": layer_ve_or_shown,
    "image_all_off": layer_image_shown_when_off,
    "annotation_all_off": layer_annotation_shown_when_off,
    "form_all_off": layer_in_form_shown_when_off,
}

LAYERS_HIDDEN = {
    "off_group": hidden_layer,
    "all_off_of_on_group": layer_shown_when_off,
    "all_on": layer_allon_hidden,
    "ve_and": layer_ve_and_hidden,
    "basestate_off": layer_basestate_off,
    "image": layer_image_hidden,
    "annotation": layer_annotation_hidden,
    "form": layer_in_form_hidden,
    "across_streams": layer_across_streams,
}


# -- scans whose existing OCR layer is wrong (#13 item 3) ---------------------------------------
# The page image shows LINE and PLAIN; the text layer (as scanner software writes it) says
# something else. WRONG_LAYER_WORDS must not survive in the output: the layer is not trusted.

WRONG_LAYER_WORDS = "Kvitto skrivarpapper levererat onsdag eftermiddag till kontoret"


def _scan_with_layer(layer: list[str], under: bool = False) -> bytes:
    """A page image of LINE and PLAIN with ``layer`` as its text layer, one entry per line at
    the lines' places: invisible text over the image, or (``under``) ordinary text drawn first
    and covered by the image."""
    src, page = _doc_with_line(LINE)
    pix = page.get_pixmap(dpi=150)
    src.close()
    doc = pymupdf.open()
    out = doc.new_page()
    if not under:
        out.insert_image(out.rect, pixmap=pix)
    for k, text in enumerate(layer):
        if text:
            out.insert_text((X, Y + 40 * k), text, fontsize=SIZE, fontname="helv", render_mode=0 if under else 3)
    if under:
        out.insert_image(out.rect, pixmap=pix)
    return _bytes(doc)


def scan_layer_missing_line() -> bytes:
    """The OCR layer lacks the line that holds the name and the personnummer."""
    return _scan_with_layer(["", PLAIN])


def scan_layer_other_words() -> bytes:
    """The OCR layer says other words where the page shows the name and the personnummer."""
    return _scan_with_layer([WRONG_LAYER_WORDS, PLAIN])


def scan_layer_under_image() -> bytes:
    """A wrong layer of ordinary text drawn first and covered by the page image."""
    return _scan_with_layer([WRONG_LAYER_WORDS, PLAIN], under=True)


def scan_layer_correct() -> bytes:
    """A correct OCR layer over the image (the common case): still read afresh."""
    return _scan_with_layer([LINE, PLAIN])


SCANS_WITH_LAYER = {
    "missing_line": scan_layer_missing_line,
    "other_words": scan_layer_other_words,
    "under_image": scan_layer_under_image,
    "correct": scan_layer_correct,
}


# -- stream order is not reading order (#13 item 1) -----------------------------------------------
# Each builder draws ORDER_LINE so that a reader sees it as one line of ordinary text while the
# content stream holds its characters in another order or far apart.

ORDER_LINE = f"Sökande {NAME} personnummer {PNR}"


def _page_with_stream(body: bytes) -> bytes:
    """A page with PLAIN as ordinary text and ``body`` (content operators using font /F1,
    Helvetica) appended to its content."""
    doc, page = _doc_with_line(PLAIN)
    rx, prefix = _page_resources(doc, page)
    doc.xref_set_key(rx, prefix + "Font/F1", _HELV)
    _append_content(doc, page, body)
    return _bytes(doc)


def _pdf_str(s: str) -> bytes:
    return b"(" + s.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _positions(text: str, size: float = SIZE, x0: float = X, tc: float = 0.0, tw: float = 0.0) -> list[tuple[str, float]]:
    font = pymupdf.Font("helv")
    out, x = [], x0
    for ch in text:
        out.append((ch, x))
        x += font.text_length(ch, size) + tc + (tw if ch == " " else 0.0)
    return out


def _placed(order: list[tuple[str, float]], y: float) -> bytes:
    """Each character in its own positioned show, in the order given."""
    ops = [b"BT /F1 %g Tf" % SIZE]
    for ch, x in order:
        ops.append(b"1 0 0 1 %.3f %.3f Tm " % (x, y) + _pdf_str(ch) + b" Tj")
    ops.append(b"ET\n")
    return b"\n".join(ops)


def reversed_characters() -> bytes:
    """The line's characters drawn last to first, each at its place."""
    return _page_with_stream(_placed(list(reversed(_positions(ORDER_LINE))), 842 - Y - 80))


def first_digit_last() -> bytes:
    """The personnummer's first digit drawn after the rest of the line."""
    pos = _positions(ORDER_LINE)
    k = ORDER_LINE.index(PNR)
    return _page_with_stream(_placed(pos[:k] + pos[k + 1:] + [pos[k]], 842 - Y - 80))


def letter_spaced() -> bytes:
    """The line set with character spacing Tc = 0.3 em (s p a c e d  o u t)."""
    tc = 0.3 * SIZE
    return _page_with_stream(b"BT /F1 %g Tf %.2f Tc 1 0 0 1 %d %d Tm " % (SIZE, tc, X, 842 - Y - 80)
                             + _pdf_str(ORDER_LINE) + b" Tj ET\n")


def wide_word_spacing() -> bytes:
    """The line set with word spacing Tw = 2 em."""
    return _page_with_stream(b"BT /F1 %g Tf %.2f Tw 1 0 0 1 %d %d Tm " % (SIZE, 2 * SIZE, X, 842 - Y - 80)
                             + _pdf_str(ORDER_LINE) + b" Tj ET\n")


def comb_field() -> bytes:
    """A personnummer in a comb form field (one digit per box, MaxLen 12), labelled."""
    doc, page = _doc_with_line(PLAIN)
    page.insert_text((X, Y + 70), f"Sökande {NAME}. Personnummer:", fontsize=SIZE, fontname="helv")
    w = pymupdf.Widget()
    w.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
    w.field_name = "pnr"
    w.rect = pymupdf.Rect(X, Y + 80, X + 12 * 18, Y + 100)
    w.text_maxlen = 12
    w.field_flags = 1 << 24  # Comb
    w.text_fontsize = SIZE
    w.field_value = PNR
    page.add_widget(w)
    return _bytes(doc)


READING_ORDER = {
    "reversed": reversed_characters,
    "first_digit_last": first_digit_last,
    "letter_spaced": letter_spaced,
    "wide_word_spacing": wide_word_spacing,
    "comb_field": comb_field,
}
