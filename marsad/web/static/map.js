/* Marsad event map: Natural Earth outlines (world-atlas, bundled) drawn with d3-geo + topojson-client;
   events from data-src (/api/map?...) as circles sized by count. Labels are set with textContent. */
(function () {
  "use strict";
  var SVGNS = "http://www.w3.org/2000/svg";
  var root = document.getElementById("map"), list = document.getElementById("map-list");
  if (!root) return;

  function el(name, attrs, parent) {
    var e = document.createElementNS(SVGNS, name);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, String(attrs[k]));
    if (parent) parent.appendChild(e);
    return e;
  }
  function getJSON(url) {
    return fetch(url, {headers: {Accept: "application/json"}}).then(function (r) {
      return r.json().then(function (j) { if (!r.ok) throw new Error(j.error || r.status); return j; });
    });
  }
  function message(text) {
    var p = document.createElement("p"); p.className = "empty"; p.textContent = text; root.appendChild(p);
  }

  Promise.all([getJSON(root.getAttribute("data-world")), getJSON(root.getAttribute("data-src"))]).then(function (res) {
    var world = res[0], events = res[1];
    while (root.firstChild) root.removeChild(root.firstChild);
    var W = 960, H = 500;
    var land = topojson.feature(world, world.objects.countries);
    var projection = d3.geoNaturalEarth1().fitExtent([[8, 8], [W - 8, H - 8]], {type: "Sphere"});
    var path = d3.geoPath(projection);
    var svg = el("svg", {viewBox: "0 0 " + W + " " + H, width: "100%", "class": "worldmap", role: "img",
                         "aria-label": "map of events"}, root);
    el("path", {d: path({type: "Sphere"}), "class": "sphere"}, svg);
    el("path", {d: path(d3.geoGraticule10()), "class": "graticule"}, svg);
    var gC = el("g", {"class": "countries"}, svg);
    land.features.forEach(function (f) {
      var p = el("path", {d: path(f) || ""}, gC);
      var t = el("title", {}, p); t.textContent = (f.properties && f.properties.name) || "";
    });
    el("path", {d: path(topojson.mesh(world, world.objects.countries, function (a, b) { return a !== b; })), "class": "borders"}, svg);

    // group events at the same place
    var places = {};
    (events.features || []).forEach(function (f) {
      var c = f.geometry.coordinates, key = c[0].toFixed(2) + "," + c[1].toFixed(2);
      (places[key] = places[key] || {coords: c, items: []}).items.push(f.properties);
    });
    var gP = el("g", {"class": "places"}, svg);
    var keys = Object.keys(places).sort(function (a, b) { return places[b].items.length - places[a].items.length; });
    keys.forEach(function (key) {
      var pl = places[key], xy = projection(pl.coords);
      if (!xy) return;
      var first = pl.items[0], n = pl.items.length;
      var a = document.createElementNS(SVGNS, "a");
      a.setAttribute("href", n === 1 ? "/events/" + encodeURIComponent(first.id)
                                     : "/events?country=" + encodeURIComponent(first.cc3 || ""));
      gP.appendChild(a);
      el("circle", {cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: (4 + 3 * Math.sqrt(n)).toFixed(1), "class": "place"}, a);
      var t = el("title", {}, a);
      t.textContent = (first.name_ar || first.name || "") + (first.name ? " · " + first.name : "") + " — " + n +
        " أحداث · events\n" + pl.items.slice(0, 8).map(function (p) { return (p.date || "") + " " + p.label; }).join("\n");
      if (list) {
        var li = document.createElement("li"), link = document.createElement("a");
        link.href = a.getAttribute("href");
        link.textContent = (first.name_ar || first.name || "?") + (first.name ? " · " + first.name : "");
        li.appendChild(link);
        var meta = document.createElement("span"); meta.className = "meta"; meta.textContent = " ×" + n;
        li.appendChild(meta);
        list.appendChild(li);
      }
    });
    if (!keys.length) message("لا توجد أحداث ذات إحداثيات · No geocoded events");
    root.setAttribute("data-ready", String(keys.length));
  }).catch(function (e) { message("خطأ · Error: " + e.message); });
})();
