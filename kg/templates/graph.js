/* policy-kg graph page: search, type and community filters, legend, details panel.
 * Data is read from the JSON block and written to the page only through textContent,
 * element attributes and vis-network's plain-text titles -- never innerHTML. */
(function () {
  "use strict";
  var PRED_ZH = {
    responsibleFor: "负责", effectiveDate: "施行日期", period: "期间", organizes: "主办",
    subOrganizationOf: "隶属", issuedBy: "发布"
  };
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var container = document.getElementById("graph");
  var metas = data.nodes;
  var types = data.types;
  var topN = data.top_n;
  /* The address's #fragment may hold "all" (show every node) and "q=TEXT" (search and select). */
  var hash = {};
  window.location.hash.replace(/^#/, "").split("&").forEach(function (part) {
    var i = part.indexOf("=");
    try {
      hash[decodeURIComponent(i < 0 ? part : part.slice(0, i))] = i < 0 ? "1" : decodeURIComponent(part.slice(i + 1));
    } catch (err) { /* a malformed fragment is ignored */ }
  });
  var state = {
    all: metas.length <= topN || hash.all === "1",
    typeOn: types.map(function () { return true; }),
    community: "",
    english: false,
    pinned: {}
  };

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function fmt(x) { return Number(x).toFixed(4); }
  function typeName(t) { var ty = types[t]; return ty.zh ? ty.zh + " " + ty.name : ty.name; }
  /* Wrap a label into balanced lines: CJK text every ~10 characters, spaced text at spaces. */
  function wrap(text, width) {
    if (text.length > 3 * width) { text = text.slice(0, 3 * width - 1) + "…"; }
    if (text.length <= width) { return text; }
    if (text.indexOf(" ") >= 0) {
      var lines = [], line = "";
      text.split(" ").forEach(function (w) {
        if (line && (line + " " + w).length > 2 * width) { lines.push(line); line = w; } else { line = line ? line + " " + w : w; }
      });
      if (line) { lines.push(line); }
      return lines.join("\n");
    }
    var per = Math.ceil(text.length / Math.ceil(text.length / width)), out = [], cur = "";
    (text.match(/[A-Za-z0-9.]+|[\s\S]/g) || []).forEach(function (tok) {  /* never split a number or a word */
      if (cur && cur.length + tok.length > per) { out.push(cur); cur = ""; }
      cur += tok;
    });
    if (cur) { out.push(cur); }
    return out.join("\n");
  }
  function labelOf(m) { return wrap(m.label, 10) + (state.english && m.en ? "\n" + wrap(m.en, 12) : ""); }
  function titleOf(m) {
    var lines = [m.label];
    if (m.en) { lines.push(m.en); }
    lines.push(typeName(m.t) + (m.value ? " · " + m.value : ""));
    lines.push("PageRank " + fmt(m.pr) + " · degree " + m.deg + " · betweenness " + fmt(m.btw));
    if (m.s.length) { lines.push("“" + m.s[0] + "”"); }
    return lines.join("\n");
  }
  function visNode(m) {
    var c = types[m.t].colour;
    return {
      id: m.id, label: labelOf(m), x: m.x, y: m.y, size: m.size, title: titleOf(m),
      font: { size: Math.round(14 + (m.size - 8) * 0.4) },  /* central nodes keep readable labels when zoomed out */
      color: { background: c, border: c, highlight: { background: c, border: "#222" }, hover: { background: c, border: "#222" } }
    };
  }
  function visEdge(e, i) {
    var from = e.dir === 2 ? e.b : e.a, to = e.dir === 2 ? e.a : e.b;
    var words = e.p.map(function (p) { return PRED_ZH[p] ? PRED_ZH[p] + " " + p : p; });
    if (e.co) { words.push("同句 co-occurs ×" + e.co); }
    return {
      id: i, from: from, to: to, title: words.join("\n"), width: Math.min(1 + Math.log(Math.max(e.w, 1)), 6),
      arrows: e.dir ? "to" : "", dashes: e.p.length === 0
    };
  }

  function visible(id) {
    var m = metas[id];
    if (state.pinned[id]) { return true; }
    if (!state.all && id >= topN) { return false; }
    if (!state.typeOn[m.t]) { return false; }
    if (state.community !== "" && String(m.c) !== state.community) { return false; }
    return true;
  }

  var nodes = new vis.DataSet(metas.map(visNode));
  var edges = new vis.DataSet(data.edges.map(visEdge));
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return visible(n.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return visible(e.from) && visible(e.to); } });
  var big = metas.length > 1000;
  var options = {
    autoResize: true,
    layout: { improvedLayout: false },
    physics: {
      enabled: false, solver: "barnesHut",
      barnesHut: { gravitationalConstant: -3000, springLength: 120, springConstant: 0.03, avoidOverlap: 0.2 },
      stabilization: { enabled: true, iterations: 200, updateInterval: 50, fit: false }
    },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big, navigationButtons: false },
    nodes: {
      shape: "dot", borderWidth: 1,
      font: { size: 15, face: "system-ui, 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', sans-serif",
              strokeWidth: 4, strokeColor: "#ffffff", color: "#222222" },
      scaling: { label: { drawThreshold: 6 } }
    },
    edges: {
      smooth: false, color: { color: "#b5b5b5", highlight: "#333333", hover: "#666666" },
      arrows: { to: { enabled: false, scaleFactor: 0.5 } }, selectionWidth: 2
    }
  };
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);

  /* ---------- panel ---------- */
  var stats = document.getElementById("stats");
  var showAll = document.getElementById("show-all");
  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
    var shown = nodeView.length;
    container.setAttribute("data-shown-count", String(shown));
    container.setAttribute("data-drawn-count", String(network.body.nodeIndices.length));
    stats.textContent = metas.length + " 实体 entities · " + data.edges.length + " 关系 links · 显示 showing " + shown;
    showAll.textContent = state.all ? "已全部显示 All shown" : "显示全部 Show all (" + metas.length + ")";
    showAll.disabled = state.all;
  }

  var legend = document.getElementById("legend");
  var counts = types.map(function () { return 0; });
  metas.forEach(function (m) { counts[m.t] += 1; });
  types.forEach(function (ty, t) {
    var li = el("li");
    var label = el("label", null, "check");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-type", ty.name);
    box.addEventListener("change", function () { state.typeOn[t] = box.checked; refresh(); });
    var sw = el("span", null, "swatch");
    sw.style.background = ty.colour;
    label.appendChild(box);
    label.appendChild(sw);
    label.appendChild(el("span", typeName(t) + " (" + counts[t] + ")"));
    li.appendChild(label);
    legend.appendChild(li);
  });

  var community = document.getElementById("community");
  var groups = {};
  metas.forEach(function (m) { (groups[m.c] = groups[m.c] || []).push(m); });
  var opt = el("option", "全部 All");
  opt.value = "";
  community.appendChild(opt);
  Object.keys(groups).map(Number).sort(function (a, b) { return a - b; }).forEach(function (c) {
    var members = groups[c];
    if (members.length < 2) { return; }
    var o = el("option", "#" + c + " (" + members.length + ") " + members[0].label);
    o.value = String(c);
    community.appendChild(o);
  });
  community.addEventListener("change", function () { state.community = community.value; refresh(); });

  document.getElementById("english").addEventListener("change", function (ev) {
    state.english = ev.target.checked;
    nodes.update(metas.filter(function (m) { return m.en; }).map(function (m) { return { id: m.id, label: labelOf(m) }; }));
  });
  showAll.addEventListener("click", function () { state.all = true; refresh(); });
  /* Fit the nodes, then leave a margin for the labels (vis-network fits node centres and sizes only). */
  function fitAll() {
    network.fit({ animation: false });
    network.moveTo({ scale: network.getScale() * 0.88, animation: false });
  }
  document.getElementById("fit").addEventListener("click", function () { userMoved = false; fitAll(); });
  var physics = document.getElementById("physics");
  physics.addEventListener("click", function () {
    physics.disabled = true;
    network.setOptions({ physics: { enabled: true } });
    network.stabilize(200);
  });
  network.on("stabilized", function () {
    network.setOptions({ physics: { enabled: false } });
    physics.disabled = false;
  });

  /* ---------- details ---------- */
  var details = document.getElementById("details");
  function focusNode(id) {
    userMoved = true;
    if (!visible(id)) { state.pinned[id] = true; refresh(); }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    showDetails(id);
  }
  function showDetails(id) {
    var m = metas[id];
    details.textContent = "";
    details.className = "";
    var h = el("h3", m.label);
    var sw = el("span", null, "swatch");
    sw.style.background = types[m.t].colour;
    h.insertBefore(sw, h.firstChild);
    details.appendChild(h);
    if (m.en) { details.appendChild(el("p", m.en, "en")); }
    var dl = el("dl");
    [["类型 Type", typeName(m.t)], ["值 Value", m.value], ["PageRank", fmt(m.pr)], ["度 Degree", m.deg],
     ["介数 Betweenness", fmt(m.btw)], ["特征向量 Eigenvector", fmt(m.ev)], ["接近度 Closeness", fmt(m.clo)],
     ["社区 Community", "#" + m.c], ["提及 Mentions", m.m], ["IRI", m.iri]].forEach(function (kv) {
      if (kv[1] === "" || kv[1] === undefined) { return; }
      dl.appendChild(el("dt", kv[0]));
      dl.appendChild(el("dd", kv[1]));
    });
    details.appendChild(dl);
    if (m.s.length) {
      details.appendChild(el("h4", "证据 Evidence"));
      m.s.forEach(function (s) { details.appendChild(el("blockquote", s)); });
    }
    var nb = network.getConnectedNodes(id);
    if (nb.length) {
      details.appendChild(el("h4", "相邻 Linked (" + nb.length + ")"));
      var ul = el("ul", null, "list");
      nb.slice().sort(function (a, b) { return a - b; }).slice(0, 30).forEach(function (j) {
        var li = el("li", metas[j].label, "link");
        li.addEventListener("click", function () { focusNode(j); });
        ul.appendChild(li);
      });
      details.appendChild(ul);
    }
  }
  network.on("selectNode", function (p) { if (p.nodes.length) { showDetails(p.nodes[0]); } });
  /* Keep the whole graph in view when the window changes size, until the user pans or zooms. */
  var userMoved = false;
  network.on("dragStart", function () { userMoved = true; });
  network.on("zoom", function () { userMoved = true; });
  network.on("resize", function () { if (!userMoved) { fitAll(); } });

  /* ---------- search ---------- */
  var search = document.getElementById("search");
  var matches = document.getElementById("matches");
  var found = [];
  function runSearch() {
    var q = search.value.trim().toLowerCase();
    matches.textContent = "";
    found = [];
    if (!q) { return; }
    for (var i = 0; i < metas.length && found.length < 20; i++) {
      var m = metas[i];
      if (m.label.toLowerCase().indexOf(q) >= 0 || (m.en && m.en.toLowerCase().indexOf(q) >= 0) || m.iri === q) {
        found.push(m.id);
      }
    }
    if (!found.length) { matches.appendChild(el("li", "无结果 No match", "muted")); }
    found.forEach(function (id) {
      var li = el("li", metas[id].label + " · " + types[metas[id].t].name, "link");
      li.addEventListener("click", function () { focusNode(id); });
      matches.appendChild(li);
    });
  }
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && found.length) { focusNode(found[0]); }
  });

  /* ---------- first draw ---------- */
  refresh();
  fitAll();
  network.redraw();
  if (hash.q) {
    search.value = hash.q;
    runSearch();
    if (found.length) { focusNode(found[0]); }
  }
  container.setAttribute("data-ready-ms", String(Math.round(performance.now())));
  container.setAttribute("data-ready", "1");
  window.kgNetwork = network;
}());
