/* Review page: selection, keyboard shortcuts and drawing boxes. htmx does the requests. */
(function () {
  "use strict";
  var selected = null;
  var drawing = false;
  var drag = null;

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function cands() { return $$("li.cand"); }

  function select(cid, scrollPage) {
    selected = cid;
    $$(".cand.selected, .box.selected").forEach(function (el) { el.classList.remove("selected"); });
    if (!cid) { return; }
    var li = document.getElementById("cand-" + cid);
    $$('.box[data-cid="' + cid + '"]').forEach(function (b) { b.classList.add("selected"); });
    if (li) {
      li.classList.add("selected");
      li.scrollIntoView({ block: "nearest" });
    }
    var box = $('.box[data-cid="' + cid + '"]');
    if (scrollPage && box) { box.scrollIntoView({ block: "center" }); }
  }

  function move(step, onlyPending) {
    var list = cands();
    if (!list.length) { return; }
    var i = list.findIndex(function (li) { return li.dataset.cid === selected; });
    for (var n = 0; n < list.length; n++) {
      i = (i + step + list.length) % list.length;
      if (!onlyPending || list[i].classList.contains("needs")) { select(list[i].dataset.cid, true); return; }
    }
  }

  function current() { return selected ? document.getElementById("cand-" + selected) : null; }
  function clickIn(sel) { var li = current(); var b = li && $(sel, li); if (b) { b.click(); } }

  function setDrawing(on) {
    drawing = on;
    document.body.classList.toggle("drawing", on);
    var t = $("#draw-toggle");
    if (t) { t.setAttribute("aria-pressed", on ? "true" : "false"); }
  }

  document.addEventListener("click", function (e) {
    if (e.target.closest("#draw-toggle")) { setDrawing(!drawing); return; }
    if (e.target.closest("#help-toggle")) { $("#help").classList.toggle("hidden"); return; }
    var occ = e.target.closest("details.occurrences li[data-occ]");
    if (occ) {
      var target = $('.box[data-occ="' + occ.dataset.occ + '"]');
      if (target) { target.scrollIntoView({ block: "center" }); }
    }
    var box = e.target.closest(".box");
    if (box && !drawing) { select(box.dataset.cid, false); return; }
    var li = e.target.closest("li.cand");
    if (li) { select(li.dataset.cid, !e.target.closest("button, input, select")); }
  });

  document.addEventListener("submit", function (e) {
    if (e.target.id === "options") { e.preventDefault(); }
  });

  document.addEventListener("keydown", function (e) {
    var t = e.target;
    var typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT");
    if (typing) {
      if (e.key === "Enter" && t.classList.contains("reason")) {
        e.preventDefault();
        var form = t.closest("form");
        var b = form && $("button.reject", form);
        if (b) { b.click(); }
      } else if (e.key === "Escape") {
        t.blur();
      }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    switch (e.key) {
      case "j": case "ArrowDown": move(1, false); break;
      case "k": case "ArrowUp": move(-1, false); break;
      case "n": move(1, true); break;
      case "a": clickIn("button.accept"); break;
      case "r": var r = current() && $("input.reason", current()); if (r) { r.focus(); } break;
      case "g": var g = current() && $("select.ground-select", current()); if (g) { g.focus(); } break;
      case "o": var o = $("#all_occurrences"); if (o) { o.checked = !o.checked; } break;
      case "x": clickIn("button.delete"); break;
      case "d": setDrawing(!drawing); break;
      case "Escape": setDrawing(false); break;
      case "?": var h = $("#help"); if (h) { h.classList.toggle("hidden"); } break;
      default: return;
    }
    e.preventDefault();
  });

  /* drawing a box: drag on a page; sent in displayed-page points, converted on the server */
  document.addEventListener("mousedown", function (e) {
    if (!drawing || e.button !== 0) { return; }
    var overlay = e.target.closest(".page .overlay");
    if (!overlay) { return; }
    e.preventDefault();
    var r = overlay.getBoundingClientRect();
    var el = document.createElement("div");
    el.className = "box drawing-box";
    overlay.appendChild(el);
    drag = { overlay: overlay, rect: r, x: e.clientX - r.left, y: e.clientY - r.top, el: el };
  });

  document.addEventListener("mousemove", function (e) {
    if (!drag) { return; }
    var x = Math.max(0, Math.min(drag.rect.width, e.clientX - drag.rect.left));
    var y = Math.max(0, Math.min(drag.rect.height, e.clientY - drag.rect.top));
    var s = drag.el.style;
    s.left = Math.min(x, drag.x) + "px"; s.top = Math.min(y, drag.y) + "px";
    s.width = Math.abs(x - drag.x) + "px"; s.height = Math.abs(y - drag.y) + "px";
  });

  document.addEventListener("mouseup", function (e) {
    if (!drag) { return; }
    var d = drag; drag = null;
    var x = Math.max(0, Math.min(d.rect.width, e.clientX - d.rect.left));
    var y = Math.max(0, Math.min(d.rect.height, e.clientY - d.rect.top));
    var fig = d.overlay.closest(".page");
    var sx = parseFloat(fig.dataset.width) / d.rect.width, sy = parseFloat(fig.dataset.height) / d.rect.height;
    var x0 = Math.min(x, d.x) * sx, x1 = Math.max(x, d.x) * sx, y0 = Math.min(y, d.y) * sy, y1 = Math.max(y, d.y) * sy;
    if (x1 - x0 < 2 || y1 - y0 < 2) { d.el.remove(); return; }
    var form = $("#box-form");
    form.elements.page.value = fig.dataset.page;
    form.elements.x0.value = x0.toFixed(2); form.elements.y0.value = y0.toFixed(2);
    form.elements.x1.value = x1.toFixed(2); form.elements.y1.value = y1.toFixed(2);
    setDrawing(false);
    htmx.trigger(form, "submit");
  });

  document.addEventListener("htmx:afterSwap", function () {
    if (selected && document.getElementById("cand-" + selected)) { select(selected, false); }
    else { move(1, true); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    if ($("li.cand")) { move(1, true); }
  });
})();
