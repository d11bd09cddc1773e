"""Optional content resolved to what a default viewer shows (#13 item 4).

A PDF's optional content (layers: ``/OCProperties``, optional-content groups and membership
dictionaries, ``/OC`` on XObjects and annotations, ``/OC`` marked content in content streams)
decides what a viewer shows. Switching every layer on for the analysis is not enough: content
whose visibility expression is true only when a layer is *off* (``/P /AllOff``, ``/VE [/Not …]``)
is then hidden during analysis and shown to the reader of the output.

:func:`resolve_optional_content` therefore evaluates the default configuration (``/D``:
``/BaseState``, ``/ON``, ``/OFF``, ``/Intent``), removes what it hides (``/OC`` marked-content
sections, ``Do`` of XObjects whose ``/OC`` is hidden, annotations whose ``/OC`` is hidden) and then
drops the machinery (``/OCProperties``, every ``/OC`` key, ``/OC`` marked content becomes plain
marked content, the group dictionaries are emptied). What is left is shown unconditionally, so
what is analysed, redacted, verified and released is one and the same content.

An evaluation error is never a leak: whatever is kept is shown and analysed. Content whose
visibility cannot be decided (a name missing from the resources, an expression too deep) is kept.
"""

from __future__ import annotations

import logging
import re
from typing import Optional, Union

import pymupdf

log = logging.getLogger(__name__)

MAX_DEPTH = 32  # nesting of visibility expressions and of Form XObjects


# -- a small reader of PDF object syntax (arrays of names and references) --------------------

_OBJ_TOKEN = re.compile(rb"\s*(\[|\]|<<|>>|/[^\s/\[\]()<>{}%]*|\d+\s+\d+\s+R|[^\s/\[\]()<>{}%]+|\(|<)")


def _parse_array(text: str) -> Optional[list]:
    """``[/And 5 0 R [/Not 6 0 R]]`` as nested lists of names ('/And') and xrefs (int)."""
    data = text.encode("latin-1", "replace")
    pos = 0
    stack: list[list] = []
    result: Optional[list] = None
    while pos < len(data):
        m = _OBJ_TOKEN.match(data, pos)
        if not m:
            break
        tok = m.group(1)
        pos = m.end()
        if tok == b"[":
            stack.append([])
        elif tok == b"]":
            if not stack:
                return None
            done = stack.pop()
            if stack:
                stack[-1].append(done)
            else:
                result = done
                break
        elif stack:
            if tok.endswith(b"R") and tok[:1].isdigit():
                stack[-1].append(int(tok.split()[0]))
            elif tok.startswith(b"/"):
                stack[-1].append(tok.decode("latin-1"))
            else:
                stack[-1].append(None)  # anything else (null, numbers, strings) counts as nothing
    return result


def _refs(kind: str, value: str) -> list[int]:
    """The xrefs of a key's value: one reference or an array of references."""
    if kind == "xref":
        return [int(value.split()[0])]
    if kind == "array":
        arr = _parse_array(value) or []
        return [x for x in arr if isinstance(x, int)]
    return []


# -- the default configuration ----------------------------------------------------------------

class Visibility:
    """Evaluates optional-content groups and membership dictionaries in ``doc``'s default
    configuration (PDF 32000-1 8.11.4)."""

    def __init__(self, doc: pymupdf.Document):
        self.doc = doc
        cat = doc.pdf_catalog()
        self.present = doc.xref_get_key(cat, "OCProperties")[0] not in ("null", "")
        base = doc.xref_get_key(cat, "OCProperties/D/BaseState")[1]
        self.base_on = base != "/OFF"  # /ON and /Unchanged (meaningless in /D) show
        self.on = set(_refs(*doc.xref_get_key(cat, "OCProperties/D/ON")))
        self.off = set(_refs(*doc.xref_get_key(cat, "OCProperties/D/OFF")))
        kind, intent = doc.xref_get_key(cat, "OCProperties/D/Intent")
        self.intents = self._names(kind, intent) or {"/View"}
        self._cache: dict[int, bool] = {}

    @staticmethod
    def _names(kind: str, value: str) -> set[str]:
        if kind == "name":
            return {value}
        if kind == "array":
            return {x for x in (_parse_array(value) or []) if isinstance(x, str)}
        return set()

    def group_on(self, xref: int) -> bool:
        """The state of one group; a group whose intent the configuration does not use is
        ignored, i.e. does not hide anything."""
        if xref in self.on:
            state = True
        elif xref in self.off:
            state = False
        else:
            state = self.base_on
        if not state and "/All" not in self.intents:
            kind, val = self.doc.xref_get_key(xref, "Intent")
            intents = self._names(kind, val) or {"/View"}
            if not intents & self.intents and "/All" not in intents:
                return True
        return state

    def visible(self, xref: int, depth: int = 0) -> bool:
        """Whether content marked with the group or membership dictionary ``xref`` is shown."""
        if not self.present or depth > MAX_DEPTH:
            return True
        if xref in self._cache:
            return self._cache[xref]
        self._cache[xref] = True  # a cycle shows (never hides by accident)
        try:
            result = self._visible(xref, depth)
        except Exception:  # a damaged dictionary: keep the content (it is analysed)
            result = True
        self._cache[xref] = result
        return result

    def _visible(self, xref: int, depth: int) -> bool:
        doc = self.doc
        typ = doc.xref_get_key(xref, "Type")[1]
        if typ == "/OCG":
            return self.group_on(xref)
        if typ != "/OCMD":
            return True
        kind, ve = doc.xref_get_key(xref, "VE")
        if kind == "array":
            expr = _parse_array(ve)
            if expr is not None:
                res = self._expression(expr, depth + 1)
                if res is not None:
                    return res
        elif kind == "xref":
            expr = _parse_array(doc.xref_object(int(ve.split()[0]), compressed=True))
            if expr is not None:
                res = self._expression(expr, depth + 1)
                if res is not None:
                    return res
        groups = [g for g in _refs(*doc.xref_get_key(xref, "OCGs"))
                  if doc.xref_get_key(g, "Type")[1] == "/OCG"]
        if not groups:
            return True
        states = [self.group_on(g) for g in groups]
        policy = doc.xref_get_key(xref, "P")[1] or "/AnyOn"
        if policy == "/AllOn":
            return all(states)
        if policy == "/AnyOff":
            return not all(states)
        if policy == "/AllOff":
            return not any(states)
        return any(states)  # /AnyOn, the default

    def _expression(self, expr: Union[list, int, str, None], depth: int) -> Optional[bool]:
        """A visibility expression: ``[/And e…]``, ``[/Or e…]``, ``[/Not e]`` or a group."""
        if depth > MAX_DEPTH:
            return None
        if isinstance(expr, int):
            typ = self.doc.xref_get_key(expr, "Type")[1]
            if typ == "/OCG":
                return self.group_on(expr)
            inner = _parse_array(self.doc.xref_object(expr, compressed=True))
            return None if inner is None else self._expression(inner, depth + 1)
        if not isinstance(expr, list) or not expr or not isinstance(expr[0], str):
            return None
        op, args = expr[0], [self._expression(a, depth + 1) for a in expr[1:]]
        if any(a is None for a in args) or not args:
            return None
        if op == "/Not":
            return not args[0] if len(args) == 1 else None
        if op == "/And":
            return all(args)
        if op == "/Or":
            return any(args)
        return None


# -- content streams ----------------------------------------------------------------------------

_WS = b" \t\r\n\f\x00"
_DELIM = b"()<>[]{}/%"


def literal_string_end(data: bytes, i: int) -> int:
    """Where the literal string whose ``(`` is at ``data[i]`` ends: the index after its balancing
    ``)`` (backslash escapes skipped, nested parentheses counted), or ``len(data)`` if unclosed."""
    depth = 0
    n = len(data)
    while i < n:
        ch = data[i]
        if ch == 0x5C:  # backslash: skip the escaped byte
            i += 2
            continue
        if ch == 0x28:
            depth += 1
        elif ch == 0x29:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n


def _lex(data: bytes):
    """Tokens of a content stream as (kind, start, end): kind is 'op', 'name', 'other' (numbers,
    strings, arrays and dictionaries are skipped as operands), or 'inline' for a whole inline
    image (``BI … ID … EI``)."""
    n = len(data)
    i = 0
    while i < n:
        c = data[i]
        if c in _WS:
            i += 1
            continue
        if c == 0x25:  # % comment
            j = data.find(b"\n", i)
            k = data.find(b"\r", i)
            ends = [x for x in (j, k) if x >= 0]
            i = min(ends) if ends else n
            continue
        start = i
        if c == 0x28:  # literal string
            i = literal_string_end(data, i)
            yield "other", start, i
            continue
        if c == 0x3C:
            if data[i + 1:i + 2] == b"<":
                yield "other", i, i + 2  # dictionary start: its contents are operands too
                i += 2
                continue
            j = data.find(b">", i)
            i = n if j < 0 else j + 1
            yield "other", start, i
            continue
        if c == 0x3E:
            i += 2 if data[i + 1:i + 2] == b">" else 1
            yield "other", start, i
            continue
        if c in b"[]{}":
            yield "other", i, i + 1
            i += 1
            continue
        if c == 0x2F:  # name
            i += 1
            while i < n and data[i] not in _WS and data[i] not in _DELIM:
                i += 1
            yield "name", start, i
            continue
        while i < n and data[i] not in _WS and data[i] not in _DELIM:
            i += 1
        if i == start:  # a stray delimiter
            i += 1
            yield "other", start, i
            continue
        word = data[start:i]
        if word == b"BI":
            # inline image: skip to ID, then to EI standing alone after white space
            j = data.find(b"ID", i)
            if j < 0:
                yield "inline", start, n
                return
            k = j + 3
            while True:
                e = data.find(b"EI", k)
                if e < 0:
                    i = n
                    break
                after = data[e + 2:e + 3]
                if data[e - 1:e] in (b" ", b"\n", b"\r", b"\t", b"\x00") and (not after or after in _WS):
                    i = e + 2
                    break
                k = e + 2
            yield "inline", start, i
            continue
        if word[:1].isdigit() or word[:1] in b"+-.":
            yield "other", start, i
        elif word in (b"true", b"false", b"null"):
            yield "other", start, i
        else:
            yield "op", start, i


class _Resources:
    """Name lookups in one resource dictionary, given as the object holding ``/Resources``
    (a page or a Form XObject) or the resource dictionary's own xref."""

    def __init__(self, doc: pymupdf.Document, holder: int, prefix: str):
        self.doc, self.holder, self.prefix = doc, holder, prefix

    def ref(self, category: str, name: str) -> Optional[int]:
        kind, val = self.doc.xref_get_key(self.holder, f"{self.prefix}{category}/{name}")
        if kind == "xref":
            return int(val.split()[0])
        return None


def _page_resources(doc: pymupdf.Document, page_xref: int) -> Optional[_Resources]:
    """The resources of a page, inherited from the page tree where the page has none."""
    xref = page_xref
    for _ in range(MAX_DEPTH):
        kind, _val = doc.xref_get_key(xref, "Resources")
        if kind not in ("null", ""):
            return _Resources(doc, xref, "Resources/")
        kind, parent = doc.xref_get_key(xref, "Parent")
        if kind != "xref":
            return None
        xref = int(parent.split()[0])
    return None


def _own_resources(doc: pymupdf.Document, xref: int) -> Optional[_Resources]:
    if doc.xref_get_key(xref, "Resources")[0] in ("null", ""):
        return None
    return _Resources(doc, xref, "Resources/")


class _Resolver:
    def __init__(self, doc: pymupdf.Document, vis: Visibility):
        self.doc, self.vis = doc, vis
        self.done: set[int] = set()
        self.contents: dict[tuple[int, ...], int] = {}  # content streams shared by pages
        self.shown: set[int] = set()  # XObjects drawn where they show
        self.unshown: set[int] = set()  # XObjects drawn (also) where they do not show
        self.removed = 0

    def hidden_xobject(self, xref: int) -> bool:
        kind, val = self.doc.xref_get_key(xref, "OC")
        return kind == "xref" and not self.vis.visible(int(val.split()[0]))

    def filter(self, data: bytes, res: Optional[_Resources], depth: int) -> bytes:
        """``data`` without the content the default configuration hides; visible ``/OC``
        marked content becomes plain marked content. Form XObjects it draws are filtered too."""
        out = bytearray()
        pos = 0  # bytes before pos are decided
        operands: list[tuple[str, int, int]] = []
        stack: list[tuple[bool, int]] = []  # (hides, start of its operands) per open marked content
        hide_from: Optional[int] = None  # start of the outermost hidden section
        for kind, s, e in _lex(data):
            if kind != "op":
                operands.append((kind, s, e))
                continue
            op = data[s:e]
            first = operands[0][1] if operands else s
            if op == b"BDC":
                hides = False
                rewrite = False
                if len(operands) >= 2 and data[operands[0][1]:operands[0][2]] == b"/OC":
                    tag = operands[0]
                    prop = operands[1]
                    rewrite = True
                    if prop[0] == "name" and res is not None:
                        ref = res.ref("Properties", data[prop[1] + 1:prop[2]].decode("latin-1"))
                        if ref is not None and not self.vis.visible(ref):
                            hides = True
                    first = tag[1]
                stack.append((hides, first))
                if hides and hide_from is None:
                    hide_from = first
                elif rewrite and hide_from is None:
                    out += data[pos:first] + b"/Span BMC"
                    pos = e
            elif op == b"BMC":
                stack.append((False, first))
            elif op == b"EMC":
                if stack:
                    hides, start = stack.pop()
                    if hides and hide_from == start:
                        out += data[pos:hide_from]
                        pos = e
                        hide_from = None
                        self.removed += 1
            elif op == b"Do" and operands and operands[-1][0] == "name" and res is not None:
                name = data[operands[-1][1] + 1:operands[-1][2]].decode("latin-1")
                ref = res.ref("XObject", name)
                if ref is None:
                    pass
                elif hide_from is not None or self.hidden_xobject(ref):
                    self.unshown.add(ref)  # blanked unless drawn where it shows
                    if hide_from is None:
                        out += data[pos:operands[-1][1]]
                        pos = e
                        self.removed += 1
                else:
                    self.shown.add(ref)
                    self.form(ref, res, depth + 1)
            operands = []
        if hide_from is not None:  # a hidden section never closed: hidden to the end
            out += data[pos:hide_from]
            self.removed += 1
        else:
            out += data[pos:]
        return bytes(out)

    def form(self, xref: int, inherited: Optional[_Resources], depth: int) -> None:
        """Filter a Form XObject (or tiling pattern, annotation appearance) once."""
        doc = self.doc
        if xref in self.done or depth > MAX_DEPTH:
            return
        try:
            if not doc.xref_is_stream(xref) or doc.xref_is_image(xref):
                return
            if doc.xref_get_key(xref, "Subtype")[1] != "/Form" and doc.xref_get_key(xref, "PatternType")[1] != "1":
                return
        except Exception:
            return
        self.done.add(xref)
        res = _own_resources(doc, xref) or inherited
        try:
            data = doc.xref_stream(xref) or b""
        except Exception:
            return
        new = self.filter(data, res, depth)
        if new != data:
            doc.update_stream(xref, new)

    def page(self, page: pymupdf.Page) -> None:
        doc = self.doc
        res = _page_resources(doc, page.xref)
        contents = page.get_contents()
        if not contents:
            return
        key = tuple(contents)
        if key in self.contents:  # shared with a page already filtered
            if len(contents) > 1:
                doc.xref_set_key(page.xref, "Contents", f"{self.contents[key]} 0 R")
            contents = []
        else:
            self.contents[key] = contents[0]
        data = b"".join((doc.xref_stream(x) or b"") + b"\n" for x in contents)
        new = self.filter(data, res, 0) if contents else data
        if new != data:
            # one stream (a marked-content section may open in one stream and close in another)
            doc.update_stream(contents[0], new)
            if len(contents) > 1:
                doc.xref_set_key(page.xref, "Contents", f"{contents[0]} 0 R")
        # annotations: hidden ones go, the appearances of the others are filtered
        annots = _refs(*doc.xref_get_key(page.xref, "Annots"))
        keep = []
        for a in annots:
            if self.hidden_xobject(a):
                self.removed += 1
                continue
            keep.append(a)
            for ap in self._appearances(a):
                self.form(ap, res, 1)
        if len(keep) != len(annots):
            doc.xref_set_key(page.xref, "Annots", "[" + " ".join(f"{a} 0 R" for a in keep) + "]")

    def _appearances(self, annot: int) -> list[int]:
        out = []
        for key in ("N", "R", "D"):
            kind, val = self.doc.xref_get_key(annot, f"AP/{key}")
            if kind == "xref":
                out.append(int(val.split()[0]))
            elif kind == "dict":
                out += [int(x) for x in re.findall(r"(\d+)\s+\d+\s+R", val)]
        return out


def _strip_machinery(doc: pymupdf.Document) -> None:
    """No optional content left: /OCProperties gone, every /OC key null, the groups' and
    membership dictionaries' contents (names may hold personal data) emptied."""
    doc.xref_set_key(doc.pdf_catalog(), "OCProperties", "null")
    for xref in range(1, doc.xref_length()):
        try:
            keys = doc.xref_get_keys(xref)
        except Exception:
            continue
        if "OC" in keys:
            doc.xref_set_key(xref, "OC", "null")
        if "Type" in keys and doc.xref_get_key(xref, "Type")[1] in ("/OCG", "/OCMD") \
                and not doc.xref_is_stream(xref):
            doc.update_object(xref, "<<>>")


def resolve_optional_content(doc: pymupdf.Document) -> int:
    """Remove what ``doc``'s default optional-content configuration hides and then all optional
    content machinery (see the module docstring). Returns the number of removed sections,
    XObject uses and annotations."""
    vis = Visibility(doc)
    has_oc = vis.present or any(
        "OC" in _safe_keys(doc, x) for x in range(1, doc.xref_length()))
    if not has_oc:
        return 0
    resolver = _Resolver(doc, vis)
    for page in doc:
        try:
            resolver.page(page)
        except Exception:
            log.debug("optional content: page %d not filtered", page.number + 1)
    # forms and patterns not reached from a page (or reached under other resources)
    for xref in range(1, doc.xref_length()):
        try:
            resolver.form(xref, None, 1)
        except Exception:
            continue
    # an XObject drawn only where it does not show, or hidden itself, stays referenced from the
    # resources: its content (an image of a value) is replaced by an empty form
    hidden = {x for x in range(1, doc.xref_length()) if _is_xobject(doc, x) and resolver.hidden_xobject(x)}
    for xref in (resolver.unshown - resolver.shown) | hidden:
        try:
            doc.update_object(xref, "<</Type/XObject/Subtype/Form/BBox[0 0 0 0]>>")
            doc.update_stream(xref, b"")
        except Exception:
            log.debug("optional content: XObject %d not blanked", xref)
    _strip_machinery(doc)
    return resolver.removed


def _is_xobject(doc: pymupdf.Document, xref: int) -> bool:
    try:
        return doc.xref_is_stream(xref) and doc.xref_get_key(xref, "Subtype")[1] in ("/Image", "/Form")
    except Exception:
        return False


def _safe_keys(doc: pymupdf.Document, xref: int) -> tuple:
    try:
        return doc.xref_get_keys(xref)
    except Exception:
        return ()
