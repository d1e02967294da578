// The network explorer and the actor page's ego network (vis-network, served from the package).
(function () {
  "use strict";
  var container = document.getElementById("net") || document.getElementById("ego");
  if (!container || typeof vis === "undefined") { return; }
  var nodes = new vis.DataSet([]);
  var edges = new vis.DataSet([]);
  var edgeData = {};
  var positions = {};  // kept between loads so the picture does not jump
  var options = {
    physics: false,
    interaction: { hover: true, tooltipDelay: 150, multiselect: false },
    nodes: { shape: "dot", font: { size: 13, face: "system-ui" }, borderWidth: 1 },
    edges: { smooth: false, scaling: { min: 1, max: 7 } },
    layout: { randomSeed: 7 }
  };
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  window.actorgraphNetwork = { network: network, nodes: nodes, edges: edges };

  function text(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value == null ? "" : String(value);
    if (cls) { el.className = cls; }
    return el;
  }
  function link(href, value) {
    var a = document.createElement("a");
    a.href = href; a.textContent = value;
    return a;
  }
  function toNode(n) {
    var p = positions[n.id] || { x: n.x, y: n.y };
    positions[n.id] = p;
    return { id: n.id, label: n.label, x: p.x, y: p.y, color: n.color, size: n.size,
             title: n.type + (n.country ? " · " + n.country : "") + " · " + n.events + " events",
             raw: n };
  }
  function toEdge(e) {
    edgeData[e.id] = e;
    return { id: e.id, from: e.from, to: e.to, value: e.weight, color: { color: e.color },
             width: e["new"] ? 3 : 1, title: e.types.join(", ") + " · " + e.weight + " events" };
  }
  function ring(fresh, c) {
    // around a centre, on a circle long enough for every label side by side
    var total = fresh.reduce(function (sum, n) { return sum + 8 * n.label.length + 24; }, 0);
    var r = Math.max(170, total / (2 * Math.PI));
    fresh.forEach(function (n, i) {
      var angle = (2 * Math.PI * i) / Math.max(fresh.length, 1);
      positions[n.id] = { x: c.x + r * Math.cos(angle), y: c.y + r * Math.sin(angle) };
    });
  }
  function add(data, around) {
    var fresh = data.nodes.filter(function (n) { return !nodes.get(n.id); });
    if (around && nodes.get(around)) {
      ring(fresh, network.getPositions([around])[around] || { x: 0, y: 0 });
    } else if (around) {
      positions[around] = { x: 0, y: 0 };
      ring(fresh.filter(function (n) { return n.id !== around; }), { x: 0, y: 0 });
    }
    nodes.add(fresh.map(toNode));
    edges.update(data.edges.map(toEdge));
    var note = document.getElementById("net-note");
    if (note) {
      note.textContent = nodes.length + " actors, " + edges.length + " pairs" +
        (data.truncated ? " (the " + nodes.length + " most active of " + data.actors + " actors)" : "");
    }
    container.setAttribute("data-loaded", String(nodes.length));
  }
  function query() {
    var form = document.getElementById("net-filters");
    var params = new URLSearchParams();
    if (!form) { return params; }
    var slider = document.getElementById("week-slider");
    var weeks = (slider.getAttribute("data-weeks") || "").split(",").filter(Boolean);
    if (weeks.length) { params.set("week", weeks[Number(slider.value)] || weeks[weeks.length - 1]); }
    new FormData(form).forEach(function (value, key) { if (value) { params.append(key, value); } });
    return params;
  }
  function load() {
    var url;
    var expand = container.getAttribute("data-expand");
    if (expand) { url = "/network.json?expand=" + encodeURIComponent(expand); }
    else { url = "/network.json?" + query().toString(); }
    return fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
      nodes.clear(); edges.clear(); edgeData = {};
      if (data.error) { throw new Error(data.error); }
      add(data, expand || null);
      network.fit({ animation: false });
    });
  }
  function expand(id) {
    var params = query();
    params.set("expand", id);
    params.delete("week");
    return fetch("/network.json?" + params.toString(), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) { if (!data.error) { add(data, id); container.setAttribute("data-expanded", id); } });
  }
  function showNode(id) {
    var side = document.getElementById("side");
    var n = nodes.get(id);
    if (!side || !n) { return; }
    var raw = n.raw;
    side.replaceChildren();
    var h = document.createElement("h2");
    h.appendChild(link("/actor/" + encodeURIComponent(raw.id).replace(/%3A/g, ":"), raw.label));
    side.appendChild(h);
    side.appendChild(text("p", raw.type + (raw.country ? " · " + raw.country : "") + (raw.title ? " · " + raw.title : ""), "meta"));
    side.appendChild(text("p", raw.events + " events in view; double-click to expand"));
    network.getConnectedEdges(id).forEach(function (eid) { showEdge(eid, side, true); });
  }
  function showEdge(id, side, append) {
    var e = edgeData[id];
    side = side || document.getElementById("side");
    if (!e || !side) { return; }
    if (!append) { side.replaceChildren(); }
    var a = nodes.get(e.from), b = nodes.get(e.to);
    side.appendChild(text("h3", (a ? a.label : e.from) + " – " + (b ? b.label : e.to) + (e["new"] ? " (new)" : "")));
    e.evidence.forEach(function (ev) {
      var q = document.createElement("blockquote");
      q.appendChild(text("span", ev.sentence + " "));
      var cite = document.createElement("cite");
      cite.appendChild(link("/event/" + ev.event, ev.date + " " + ev.type));
      if (ev.article) { cite.appendChild(text("span", " · ")); cite.appendChild(link("/article/" + ev.article + "?event=" + ev.event + "#ev-" + ev.event, ev.title || "article")); }
      q.appendChild(cite);
      side.appendChild(q);
    });
  }
  network.on("click", function (p) {
    if (p.nodes.length) { showNode(p.nodes[0]); }
    else if (p.edges.length) { showEdge(p.edges[0]); }
  });
  network.on("doubleClick", function (p) {
    if (p.nodes.length) { expand(p.nodes[0]); }
    else if (container.id === "ego") { return; }
  });
  network.on("dragEnd", function (p) {
    var at = network.getPositions(p.nodes);
    Object.keys(at).forEach(function (id) { positions[id] = at[id]; });
  });
  var form = document.getElementById("net-filters");
  if (form) {
    var slider = document.getElementById("week-slider");
    var label = document.getElementById("week-label");
    var weeks = (slider.getAttribute("data-weeks") || "").split(",");
    slider.addEventListener("input", function () { label.textContent = weeks[Number(slider.value)] || ""; });
    form.addEventListener("change", function () { load(); });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); load(); });
  }
  load().catch(function (err) { container.setAttribute("data-error", String(err.message || err)); });
})();
