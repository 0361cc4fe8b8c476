/* Marsad interaction network: a small force-directed layout drawn in SVG (no dependencies).
   Data come from the element's data-src (/api/graph?...); every label is set with textContent. */
(function () {
  "use strict";
  var SVGNS = "http://www.w3.org/2000/svg";
  var root = document.getElementById("graph");
  if (!root) return;

  function el(name, attrs, parent) {
    var e = document.createElementNS(SVGNS, name);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, String(attrs[k]));
    if (parent) parent.appendChild(e);
    return e;
  }
  function message(text) {
    while (root.firstChild) root.removeChild(root.firstChild);
    var p = document.createElement("p");
    p.className = "empty";
    p.textContent = text;
    root.appendChild(p);
  }
  function nodeHref(n) {
    if (n.kind === "person" && n.entity) return "/entities/" + encodeURIComponent(n.entity);
    return "/events?country=" + encodeURIComponent(n.label);
  }

  function draw(data) {
    var nodes = data.nodes || [], edges = data.edges || [];
    if (!nodes.length) { message("لا توجد بيانات · No interactions to show"); return; }
    if (nodes.length > 150) nodes = nodes.slice(0, 150);
    var W = Math.max(root.clientWidth || 900, 400), H = Math.max(480, Math.min(760, 320 + nodes.length * 6));
    var index = {};
    nodes.forEach(function (n, i) {
      index[n.id] = n;
      var a = 2 * Math.PI * i / nodes.length;
      n.x = W / 2 + Math.cos(a) * W / 4; n.y = H / 2 + Math.sin(a) * H / 4; n.vx = 0; n.vy = 0;
      n.r = (n.kind === "state" ? 10 : 6) + Math.sqrt(n.weight || 1) * 2.2;
    });
    edges = edges.filter(function (e) { return index[e.source] && index[e.target]; });
    var maxW = edges.reduce(function (m, e) { return Math.max(m, e.weight); }, 1);

    while (root.firstChild) root.removeChild(root.firstChild);
    var svg = el("svg", {viewBox: "0 0 " + W + " " + H, width: "100%", height: H, "class": "graph", role: "img",
                         "aria-label": "interaction network"}, root);
    var gE = el("g", {"class": "edges"}, svg), gN = el("g", {"class": "nodes"}, svg);
    var lines = edges.map(function (e) {
      var l = el("line", {"stroke-width": 1 + 5 * e.weight / maxW}, gE);
      var t = el("title", {}, l); t.textContent = index[e.source].label + " ⟷ " + index[e.target].label + ": " + e.weight;
      return l;
    });
    var groups = nodes.map(function (n) {
      var a = document.createElementNS(SVGNS, "a");
      a.setAttribute("href", nodeHref(n));
      gN.appendChild(a);
      var g = el("g", {"class": "node node-" + (n.kind === "state" ? "state" : "person")}, a);
      el("circle", {r: n.r.toFixed(1)}, g);
      var label = el("text", {dy: (n.r + 13).toFixed(1), "text-anchor": "middle"}, g);
      label.textContent = n.label;
      var t = el("title", {}, g); t.textContent = n.label + (n.country ? " (" + n.country + ")" : "") + " — " + n.weight;
      return {a: a, g: g};
    });

    // force simulation: repulsion, springs, centring; cooled over a fixed number of ticks
    var alpha = 1, dragging = null;
    function tick() {
      var i, j, a, b, dx, dy, d2, d, f;
      for (i = 0; i < nodes.length; i++) {
        a = nodes[i];
        for (j = i + 1; j < nodes.length; j++) {
          b = nodes[j]; dx = b.x - a.x; dy = b.y - a.y; d2 = dx * dx + dy * dy + 0.01;
          f = 6000 * alpha / d2; d = Math.sqrt(d2);
          a.vx -= f * dx / d; a.vy -= f * dy / d; b.vx += f * dx / d; b.vy += f * dy / d;
        }
      }
      edges.forEach(function (e) {
        a = index[e.source]; b = index[e.target]; dx = b.x - a.x; dy = b.y - a.y;
        d = Math.sqrt(dx * dx + dy * dy) + 0.01;
        f = (d - (a.r + b.r + 70)) * 0.04 * alpha * Math.min(2, 0.6 + e.weight / maxW);
        a.vx += f * dx / d; a.vy += f * dy / d; b.vx -= f * dx / d; b.vy -= f * dy / d;
      });
      nodes.forEach(function (n) {
        n.vx += (W / 2 - n.x) * 0.004 * alpha; n.vy += (H / 2 - n.y) * 0.004 * alpha;
        if (n === dragging) { n.vx = n.vy = 0; return; }
        n.x += n.vx; n.y += n.vy; n.vx *= 0.6; n.vy *= 0.6;
        n.x = Math.max(n.r + 4, Math.min(W - n.r - 4, n.x)); n.y = Math.max(n.r + 4, Math.min(H - n.r - 18, n.y));
      });
    }
    function paint() {
      edges.forEach(function (e, k) {
        var a = index[e.source], b = index[e.target], l = lines[k];
        l.setAttribute("x1", a.x.toFixed(1)); l.setAttribute("y1", a.y.toFixed(1));
        l.setAttribute("x2", b.x.toFixed(1)); l.setAttribute("y2", b.y.toFixed(1));
      });
      nodes.forEach(function (n, k) { groups[k].g.setAttribute("transform", "translate(" + n.x.toFixed(1) + "," + n.y.toFixed(1) + ")"); });
    }
    for (var k = 0; k < 300; k++) { tick(); alpha *= 0.99; }
    fit();
    paint();
    root.setAttribute("data-ready", "1");
    var frames = 0;
    function animate() {
      if (!dragging && frames++ > 60) return;
      tick(); alpha = dragging ? 0.05 : alpha * 0.9; paint(); requestAnimationFrame(animate);
    }

    // scale the settled layout to fill the drawing (small graphs otherwise huddle in the middle)
    function fit() {
      var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity, m = 60;
      nodes.forEach(function (n) { x0 = Math.min(x0, n.x); x1 = Math.max(x1, n.x); y0 = Math.min(y0, n.y); y1 = Math.max(y1, n.y); });
      var sx = (W - 2 * m) / Math.max(x1 - x0, 1), sy = (H - 2 * m) / Math.max(y1 - y0, 1), s = Math.min(sx, sy, 3);
      var cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
      nodes.forEach(function (n) { n.x = W / 2 + (n.x - cx) * s; n.y = H / 2 + (n.y - cy) * s; });
    }

    // dragging (a click without movement follows the link)
    var moved = false;
    function point(ev) {
      var pt = svg.createSVGPoint(); pt.x = ev.clientX; pt.y = ev.clientY;
      return pt.matrixTransform(svg.getScreenCTM().inverse());
    }
    groups.forEach(function (gr, k) {
      gr.g.addEventListener("pointerdown", function (ev) { dragging = nodes[k]; moved = false; ev.preventDefault(); frames = 0; alpha = 0.05; requestAnimationFrame(animate); });
      gr.a.addEventListener("click", function (ev) { if (moved) ev.preventDefault(); });
    });
    svg.addEventListener("pointermove", function (ev) {
      if (!dragging) return; var p = point(ev); dragging.x = p.x; dragging.y = p.y; moved = true;
    });
    window.addEventListener("pointerup", function () { dragging = null; });
  }

  fetch(root.getAttribute("data-src"), {headers: {Accept: "application/json"}})
    .then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error(j.error || r.status); return j; }); })
    .then(draw)
    .catch(function (e) { message("خطأ · Error: " + e.message); });
})();
