// The interactive organogram of harkje: pan and zoom, collapse and expand,
// search, the date switch. Only the boxes of expanded nodes are in the document.
(function () {
  "use strict";
  var doc = document;
  var meta = JSON.parse(doc.getElementById("harkje-meta").textContent);
  var PAGE = 100; // children shown at once below one box
  var SHORT = 120; // boxes shown when the page opens without --depth
  var GRID = 12; // more children than this are shown as a block of rows
  var T = meta.words; // the page's words, in its language
  var num1 = new Intl.NumberFormat(T.locale, { maximumFractionDigits: 1 });
  var num2 = new Intl.NumberFormat(T.locale, { maximumFractionDigits: 2 });
  var num0 = new Intl.NumberFormat(T.locale, { maximumFractionDigits: 0 });
  var colours = {};
  meta.colours.forEach(function (c) { colours[c[0]] = c[1]; });
  var view = doc.getElementById("view");
  var canvas = doc.getElementById("canvas");
  var q = doc.getElementById("q");
  var hits = doc.getElementById("hits");
  var results = doc.getElementById("results");
  var V = null; // the day shown
  var open, shown, match, depth;
  var tx = 0, ty = 0, scale = 1;

  function plural(n, w) { return num0.format(n) + "\u00a0" + (n === 1 ? w[0] : w[1]); }
  var NBSP = "\u00a0";
  function fte(x) { return num2.format(x / 100) + NBSP + T.fte; }
  function euro(x) {
    if (x >= 1e6) return "€" + NBSP + num1.format(x / 1e6) + NBSP + T.million;
    return "€" + NBSP + num0.format(x);
  }

  // Parses one day and sums every subtree once (a parent comes before its children).
  function load(i) {
    var v = JSON.parse(doc.getElementById("harkje-view-" + i).textContent);
    var n = v.k.length, j, p;
    var start = new Int32Array(n + 1);
    for (j = 0; j < n; j++) if (v.p[j] >= 0) start[v.p[j] + 1]++;
    for (j = 0; j < n; j++) start[j + 1] += start[j];
    var fill = start.slice(0, n);
    var kids = new Int32Array(start[n]);
    for (j = 0; j < n; j++) { p = v.p[j]; if (p >= 0) kids[fill[p]++] = j; }
    var H = Float64Array.from(v.h), F = Float64Array.from(v.f), E = Float64Array.from(v.e), W = Float64Array.from(v.w);
    var C = new Float64Array(n), U = new Float64Array(n);
    for (j = 0; j < n; j++) { if (v.c[j] >= 0) C[j] = v.c[j]; else if (v.h[j] > 0) U[j] = 1; }
    for (j = n - 1; j >= 0; j--) {
      p = v.p[j];
      if (p >= 0) { H[p] += H[j]; F[p] += F[j]; E[p] += E[j]; W[p] += W[j]; C[p] += C[j]; U[p] += U[j]; }
    }
    var tops = [];
    depth = new Int32Array(n);
    for (j = 0; j < n; j++) {
      p = v.p[j];
      if (p < 0) tops.push(j); else depth[j] = depth[p] + 1;
    }
    v.n = n; v.start = start; v.kids = kids; v.tops = tops;
    v.H = H; v.F = F; v.E = E; v.W = W; v.C = C; v.U = U; v.hay = null;
    V = v;
    open = new Uint8Array(n);
    shown = new Int32Array(n);
    match = new Uint8Array(n);
    var notes = doc.getElementById("notes");
    notes.textContent = "";
    v.notes.forEach(function (t) { var p2 = doc.createElement("p"); p2.textContent = t; notes.appendChild(p2); });
  }

  function kidsOf(j) { return V.start[j + 1] - V.start[j]; }

  // A manager's children split in two: its staff posts (mark 32), drawn
  // beside its line, and its other reports, drawn in the row below.
  function isStaff(j) { return (V.m[j] & 32) !== 0; }
  function staffOf(j) {
    var out = [];
    for (var k = V.start[j]; k < V.start[j + 1]; k++) if (isStaff(V.kids[k])) out.push(V.kids[k]);
    return out;
  }
  function reportsOf(j) {
    var out = [];
    for (var k = V.start[j]; k < V.start[j + 1]; k++) if (!isStaff(V.kids[k])) out.push(V.kids[k]);
    return out;
  }

  // Opens the first layers: --depth of them, or as many as keep the page short.
  function openFirst() {
    var j;
    if (meta.depth !== null) {
      for (j = 0; j < V.n; j++) if (depth[j] < meta.depth) open[j] = 1;
      return;
    }
    var layer = V.tops.slice(), visible = layer.length, first = true;
    while (layer.length) {
      var next = [], add = 0;
      layer.forEach(function (x) {
        var a = V.start[x], b = V.start[x + 1];
        add += Math.min(b - a, PAGE);
        for (var k = a; k < b; k++) next.push(V.kids[k]);
      });
      if (!first && visible + add > SHORT) break;
      layer.forEach(function (x) { open[x] = 1; });
      visible += add; layer = next; first = false;
    }
  }

  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function findingsText(e, w) {
    var parts = [];
    if (e) parts.push(plural(e, T.error));
    if (w) parts.push(plural(w, T.warning));
    return parts.join(", ");
  }

  function box(j) {
    var v = V, b = el("div", "box");
    b.id = "n-" + j;
    b.tabIndex = -1;
    b.setAttribute("data-key", v.k[j]);
    var fill = colours[v.s[v.g[j]]];
    if (fill) b.style.background = fill;
    if (match[j]) b.classList.add("match");
    if (v.m[j] & 1) b.classList.add("cycle");
    if (v.m[j] & 2) b.classList.add("cleared");
    if (v.m[j] & 4) b.classList.add("party");
    if (v.m[j] & 8) b.classList.add("body");
    var head = el("div", "head");
    var title = v.s[v.t[j]];
    if (kidsOf(j) > 0) {
      var t = el("button", "tog", open[j] ? "▾" : "▸");
      t.type = "button";
      t.setAttribute("aria-expanded", open[j] ? "true" : "false");
      if (open[j]) {
        var lists = [];
        if (staffOf(j).length) lists.push("s-" + j);
        if (reportsOf(j).length) lists.push("c-" + j);
        t.setAttribute("aria-controls", lists.join(" "));
      }
      t.setAttribute("aria-label", (open[j] ? T.collapse : T.expand) + title);
      t.setAttribute("data-j", j);
      head.appendChild(t);
    }
    head.appendChild(el("span", "title", title));
    b.appendChild(head);
    var what = [];
    if (v.s[v.r[j]]) what.push(v.s[v.r[j]]);
    if (meta.level === "posts" && v.u[j]) what.push(v.s[v.u[j]]);
    if (what.length) b.appendChild(el("div", "role", what.join(" · ")));
    b.appendChild(el("div", "key", v.k[j]));
    var own = [];
    if (meta.level === "units" || v.h[j] !== 1) own.push(plural(v.h[j], T.post));
    if (v.h[j] > 0) own.push(fte(v.f[j]));
    if (v.c[j] >= 0) own.push(euro(v.c[j]));
    if (own.length) b.appendChild(el("div", "nums", own.join(" · ")));
    var marks = [];
    if (v.m[j] & 1) marks.push(T.in_cycle);
    if (v.m[j] & 2) marks.push(T.cleared);
    if (v.m[j] & 4) marks.push(T.party);
    if (v.m[j] & 8) marks.push(T.collective);
    if (v.m[j] & 16) marks.push(T.in_team);
    if (marks.length) b.appendChild(el("div", "marks", marks.join(" · ")));
    if (v.e[j] || v.w[j]) {
      var f = el("div", "found");
      if (v.e[j]) f.appendChild(el("span", "badge err", plural(v.e[j], T.error)));
      if (v.w[j]) f.appendChild(el("span", "badge warn", plural(v.w[j], T.warning)));
      b.appendChild(f);
    }
    if (kidsOf(j) > 0 && !open[j]) {
      var below = [plural(v.H[j] - v.h[j], T.post), fte(v.F[j] - v.f[j])];
      var cost = v.C[j] - Math.max(v.c[j], 0);
      if (cost > 0) below.push(euro(cost) + (v.U[j] - (v.c[j] < 0 && v.h[j] > 0 ? 1 : 0) > 0 ? T.partly_known : ""));
      var ft = findingsText(v.E[j] - v.e[j], v.W[j] - v.w[j]);
      if (ft) below.push(ft);
      var s = el("div", "sum");
      s.appendChild(el("span", "lbl", T.below));
      s.appendChild(doc.createTextNode(below.join(" · ")));
      b.appendChild(s);
    }
    return b;
  }

  function item(j) {
    var li = el("li");
    li.id = "i-" + j;
    li.appendChild(box(j));
    if (open[j] && kidsOf(j) > 0) {
      var staff = staffOf(j), reports = reportsOf(j);
      if (staff.length) li.appendChild(staffList(j, staff, reports.length > 0));
      if (reports.length) li.appendChild(childList(j, reports));
    }
    return li;
  }

  // The staff posts of manager j in the assistant position: in rows of two
  // beside the line that comes down from the manager, the first to the right
  // of it, the second to the left, above the manager's other reports. Each
  // comes off the line from the side; without other reports the line ends at
  // the last row.
  function staffList(j, staff, more) {
    var ul = el("ul", "staff");
    ul.id = "s-" + j;
    var rows = Math.ceil(staff.length / 2);
    staff.forEach(function (x, k) {
      var li = item(x), row = Math.floor(k / 2);
      li.classList.add(k % 2 === 0 ? "right" : "left");
      if (!more && row === rows - 1) li.classList.add("end");
      li.style.gridRow = String(row + 1);
      li.style.gridColumn = k % 2 === 0 ? "2" : "1";
      ul.appendChild(li);
    });
    return ul;
  }

  function childList(j, kids) {
    var ul = el("ul");
    ul.id = "c-" + j;
    var b = kids.length, k, leaves = b > 2;
    for (k = 0; k < b && leaves; k++) if (kidsOf(kids[k]) > 0) leaves = false;
    var limit = Math.min(b, Math.max(shown[j], PAGE));
    if (limit > GRID) {
      // Many children: a block of rows instead of one wide row or a tall column.
      ul.className = "grid";
      ul.style.gridTemplateColumns = "repeat(" + Math.min(10, Math.ceil(Math.sqrt(limit))) + ", max-content)";
    } else if (leaves) ul.className = "col";
    for (k = 0; k < limit; k++) ul.appendChild(item(kids[k]));
    if (limit < b) {
      var li = el("li", "more-item");
      var more = el("button", "more", T.show_more.replace("{n}", plural(b - limit, T.box)));
      more.type = "button";
      more.setAttribute("data-more", j);
      li.appendChild(more);
      ul.appendChild(li);
    }
    return ul;
  }

  function render() {
    var ul = el("ul", "tree");
    ul.setAttribute("aria-label", meta.title);
    V.tops.forEach(function (j) { ul.appendChild(item(j)); });
    canvas.replaceChildren(ul);
  }

  function redraw(j) {
    var old = doc.getElementById("i-" + j);
    if (!old) { render(); return; }
    var li = item(j);
    old.replaceWith(li);
    var t = li.querySelector("button.tog");
    if (t) t.focus({ preventScroll: true });
  }

  // Pan and zoom.
  function apply() { canvas.style.transform = "translate(" + tx + "px," + ty + "px) scale(" + scale + ")"; }
  function zoomAt(factor, px, py) {
    var s = Math.min(3, Math.max(0.05, scale * factor));
    tx = px - (px - tx) * s / scale;
    ty = py - (py - ty) * s / scale;
    scale = s;
    apply();
  }
  function fit(least) {
    var w = canvas.offsetWidth, h = canvas.offsetHeight, vw = view.clientWidth, vh = view.clientHeight;
    scale = Math.max(least, Math.min(1, vw / Math.max(w, 1), vh / Math.max(h, 1)));
    tx = Math.max(0, (vw - w * scale) / 2);
    if (w * scale > vw) {
      // Too wide: centre the first top box.
      var first = canvas.querySelector(".tree > li > .box");
      tx = first ? vw / 2 - (first.offsetLeft + first.offsetWidth / 2) * scale : 0;
    }
    ty = 0;
    apply();
  }
  function centreOn(node) {
    var r = node.getBoundingClientRect(), vr = view.getBoundingClientRect();
    tx += vr.left + vr.width / 2 - (r.left + r.width / 2);
    ty += vr.top + vr.height / 3 - (r.top + r.height / 2);
    apply();
  }
  var drag = null;
  view.addEventListener("pointerdown", function (e) {
    if (e.target.closest("button, a, input, select")) return;
    drag = { x: e.clientX, y: e.clientY };
    view.setPointerCapture(e.pointerId);
    view.classList.add("dragging");
  });
  view.addEventListener("pointermove", function (e) {
    if (!drag) return;
    tx += e.clientX - drag.x; ty += e.clientY - drag.y;
    drag.x = e.clientX; drag.y = e.clientY;
    apply();
  });
  function endDrag() { drag = null; view.classList.remove("dragging"); }
  view.addEventListener("pointerup", endDrag);
  view.addEventListener("pointercancel", endDrag);
  view.addEventListener("wheel", function (e) {
    e.preventDefault();
    var r = view.getBoundingClientRect();
    zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });
  view.addEventListener("keydown", function (e) {
    if (e.target !== view) return;
    var step = 60, c = { x: view.clientWidth / 2, y: view.clientHeight / 2 };
    if (e.key === "ArrowLeft") tx += step;
    else if (e.key === "ArrowRight") tx -= step;
    else if (e.key === "ArrowUp") ty += step;
    else if (e.key === "ArrowDown") ty -= step;
    else if (e.key === "+" || e.key === "=") { zoomAt(1.25, c.x, c.y); return e.preventDefault(); }
    else if (e.key === "-") { zoomAt(0.8, c.x, c.y); return e.preventDefault(); }
    else if (e.key === "0") { fit(0.05); return e.preventDefault(); }
    else return;
    e.preventDefault();
    apply();
  });
  doc.getElementById("zoom-in").addEventListener("click", function () { zoomAt(1.25, view.clientWidth / 2, view.clientHeight / 2); });
  doc.getElementById("zoom-out").addEventListener("click", function () { zoomAt(0.8, view.clientWidth / 2, view.clientHeight / 2); });
  doc.getElementById("fit").addEventListener("click", function () { fit(0.05); });
  doc.getElementById("collapse-all").addEventListener("click", function () { open.fill(0); render(); fit(0.5); });

  // Expand, collapse and page through children.
  canvas.addEventListener("click", function (e) {
    var t = e.target.closest("button.tog");
    if (t) {
      var j = +t.getAttribute("data-j");
      open[j] = open[j] ? 0 : 1;
      redraw(j);
      return;
    }
    var m = e.target.closest("button.more");
    if (m) {
      var p = +m.getAttribute("data-more");
      shown[p] = Math.max(shown[p], PAGE) + PAGE;
      redraw(p);
    }
  });

  // Shows node j: opens its ancestors and pages far enough, then centres it.
  function reveal(j) {
    var x = j, p;
    while ((p = V.p[x]) >= 0) {
      open[p] = 1;
      // Staff posts are always shown; the other reports a page at a time.
      var at = isStaff(x) ? -1 : reportsOf(p).indexOf(x);
      if (at >= Math.max(shown[p], PAGE)) shown[p] = at + 1;
      x = p;
    }
    render();
    var old = canvas.querySelector(".box.hit");
    if (old) old.classList.remove("hit");
    var b = doc.getElementById("n-" + j);
    if (b) {
      b.classList.add("hit");
      centreOn(b);
      b.focus({ preventScroll: true });
    }
  }

  // Search by name, key or role.
  var timer = 0;
  function search() {
    var text = q.value.trim().toLowerCase();
    match.fill(0);
    results.textContent = "";
    if (!text) { hits.textContent = ""; render(); return; }
    if (!V.hay) {
      V.hay = new Array(V.n);
      for (var i = 0; i < V.n; i++) V.hay[i] = (V.s[V.t[i]] + "\u0001" + V.k[i] + "\u0001" + V.s[V.r[i]]).toLowerCase();
    }
    var count = 0;
    for (var j = 0; j < V.n; j++) {
      if (V.hay[j].indexOf(text) < 0) continue;
      match[j] = 1;
      if (count < 50) {
        var li = el("li"), b = el("button", "hit-button");
        b.type = "button";
        b.setAttribute("data-j", j);
        b.appendChild(el("span", "title", V.s[V.t[j]]));
        b.appendChild(doc.createTextNode(" · " + (V.s[V.r[j]] ? V.s[V.r[j]] + " · " : "") + V.k[j]));
        li.appendChild(b);
        results.appendChild(li);
      }
      count++;
    }
    hits.textContent = count === 0 ? T.no_hits : plural(count, T.hit).replace("\u00a0", " ") + (count > 50 ? T.first_50 : "");
    render();
  }
  q.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(search, 120); });
  q.addEventListener("keydown", function (e) {
    if (e.key !== "Enter") return;
    clearTimeout(timer);
    search();
    var first = results.querySelector("button");
    if (first) reveal(+first.getAttribute("data-j"));
  });
  results.addEventListener("click", function (e) {
    var b = e.target.closest("button.hit-button");
    if (b) reveal(+b.getAttribute("data-j"));
  });

  // The date switch: keeps what is open, by key.
  var day = doc.getElementById("day");
  if (meta.days.length > 1) {
    meta.days.forEach(function (d, i) {
      var o = el("option", "", d);
      o.value = i;
      if (i === meta.open) o.selected = true;
      day.appendChild(o);
    });
    doc.getElementById("day-label").hidden = false;
    day.addEventListener("change", function () {
      var keys = new Set();
      for (var j = 0; j < V.n; j++) if (open[j]) keys.add(V.k[j]);
      load(+day.value);
      openFirst();
      for (j = 0; j < V.n; j++) if (keys.has(V.k[j])) open[j] = 1;
      if (q.value.trim()) search(); else render();
    });
  } else if (meta.days.length === 1) {
    doc.querySelector(".sub").textContent += T.on + meta.days[0];
  }

  load(meta.open);
  openFirst();
  render();
  fit(0.6);
  requestAnimationFrame(function () {
    performance.mark("harkje-ready");
    doc.documentElement.setAttribute("data-ready", "1");
  });
})();
