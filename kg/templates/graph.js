/* policy-kg graph page: search, type and community filters, legend, details panel.
 * Data is read from the JSON block and written to the page only through textContent,
 * element attributes and vis-network's plain-text titles -- never innerHTML. */
(function () {
  "use strict";
  var PRED_ZH = {
    responsibleFor: "负责", effectiveDate: "施行日期", period: "期间", organizes: "主办",
    subOrganizationOf: "隶属", issuedBy: "发布", basedOn: "依据", amends: "修改", repeals: "废止"
  };
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var container = document.getElementById("graph");
  var metas = data.nodes;
  var types = data.types;
  var ruleNotes = data.rules || {};  /* rule id → description, from the rule registry */
  var topN = data.first;
  var docs = data.docs || [];
  var sentences = data.S || [];
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
    doc: "",
    yearFrom: null,
    yearTo: null,
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
  /* The first view (the most central connected part of a large graph) has its own positions. */
  function firstLayout() { return data.firstLayout && !state.all; }
  function baseFont(m) { return Math.round(14 + (m.size - 8) * 0.4); }
  /* Labels of the first view at least ~12 px on screen once it is fitted (at most 3 times their size). */
  function readableLabels() {
    var f = Math.min(3, Math.max(1, 12 / (14 * network.getScale())));
    nodes.update(metas.filter(function (m) { return m.fx !== undefined; }).map(function (m) {
      return { id: m.id, font: { size: Math.round(baseFont(m) * (firstLayout() ? f : 1)) } };
    }));
  }
  function visNode(m) {
    var c = types[m.t].colour;
    var own = firstLayout() && m.fx !== undefined;
    return {
      id: m.id, label: labelOf(m), x: own ? m.fx : m.x, y: own ? m.fy : m.y, size: m.size, title: titleOf(m),
      font: { size: baseFont(m) },  /* central nodes keep readable labels when zoomed out */
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
    if (state.doc !== "" && m.d.indexOf(Number(state.doc)) < 0) { return false; }
    if (state.yearFrom !== null && (state.yearFrom > yearMin || state.yearTo < yearMax)) {
      var inRange = false;
      for (var k = 0; k < m.yr.length; k++) {
        if (m.yr[k] >= state.yearFrom && m.yr[k] <= state.yearTo) { inRange = true; break; }
      }
      if (!inRange) { return false; }
    }
    return true;
  }
  /* Years of documents (and dates) on the page: the range slider appears when there are at least two. */
  var yearMin = Infinity, yearMax = -Infinity;
  metas.forEach(function (m) {
    m.yr.forEach(function (y) { if (y < yearMin) { yearMin = y; } if (y > yearMax) { yearMax = y; } });
  });

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
    var c = data.counts;
    var why = c.statements === data.edges.length ? "" :
      " (" + c.statements + " 关系陈述 relation statements" +
      (c.statements !== c.onEdges ? ", " + (c.statements - c.onEdges) + " 自指或端点缺失 self-links or missing ends" : "") +
      "; 同一对实体的多条陈述合为一条连线 statements on one pair are drawn as one link)";
    stats.textContent = metas.length + " 实体 entities · " + data.edges.length + " 连线 links" + why +
      " · 显示 showing " + shown;
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

  var docSelect = document.getElementById("document");
  var allDocs = el("option", "全部 All (" + docs.length + ")");
  allDocs.value = "";
  docSelect.appendChild(allDocs);
  docs.forEach(function (d, i) {
    var o = el("option", (d.y ? d.y + " · " : "") + d.t);
    o.value = String(i);
    docSelect.appendChild(o);
  });
  docSelect.addEventListener("change", function () { state.doc = docSelect.value; refresh(); });
  if (yearMax > yearMin) {
    var fromEl = document.getElementById("year-from"), toEl = document.getElementById("year-to");
    var rangeText = document.getElementById("year-range");
    [fromEl, toEl].forEach(function (r) { r.min = String(yearMin); r.max = String(yearMax); r.step = "1"; });
    fromEl.value = String(yearMin);
    toEl.value = String(yearMax);
    state.yearFrom = yearMin;
    state.yearTo = yearMax;
    var onYears = function () {
      var a = Number(fromEl.value), b = Number(toEl.value);
      state.yearFrom = Math.min(a, b);
      state.yearTo = Math.max(a, b);
      rangeText.textContent = state.yearFrom + "–" + state.yearTo;
      refresh();
    };
    fromEl.addEventListener("input", onYears);
    toEl.addEventListener("input", onYears);
    rangeText.textContent = yearMin + "–" + yearMax;
    document.getElementById("years").hidden = false;
  }

  document.getElementById("english").addEventListener("change", function (ev) {
    state.english = ev.target.checked;
    nodes.update(metas.filter(function (m) { return m.en; }).map(function (m) { return { id: m.id, label: labelOf(m) }; }));
  });
  showAll.addEventListener("click", function () {
    var moved = firstLayout();
    state.all = true;
    if (moved) {
      nodes.update(metas.filter(function (m) { return m.fx !== undefined; }).map(function (m) {
        return { id: m.id, x: m.x, y: m.y, font: { size: baseFont(m) } };
      }));
    }
    refresh();
    if (!userMoved) { fitAll(); }
  });
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
  function docTitle(i) {
    var d = docs[i];
    if (!d) { return "（未知文件 unknown document）"; }
    return "《" + d.t + "》" + (d.n ? " " + d.n : "") + (d.y ? " · " + d.y : "");
  }
  function docsShown(m) {
    var seen = {};
    m.e.forEach(function (ev) { seen[ev[0]] = true; });
    return Object.keys(seen).length;
  }
  function namesOf(m) { return [m.label].concat(m.alt); }
  /* A <blockquote> of a sentence with every occurrence of the names marked (text nodes and <mark> only). */
  function quote(text, names) {
    var q = el("blockquote");
    var list = names.filter(function (n) { return n && n.length > 0; }).sort(function (a, b) { return b.length - a.length; });
    var i = 0, plain = "";
    while (i < text.length) {
      var hit = null;
      for (var k = 0; k < list.length; k++) {
        if (text.substr(i, list[k].length) === list[k]) { hit = list[k]; break; }
      }
      if (hit) {
        if (plain) { q.appendChild(document.createTextNode(plain)); plain = ""; }
        q.appendChild(el("mark", hit));
        i += hit.length;
      } else {
        plain += text.charAt(i);
        i += 1;
      }
    }
    if (plain) { q.appendChild(document.createTextNode(plain)); }
    return q;
  }
  function showEdge(i) {
    var e = data.edges[i];
    if (!e) { return; }
    details.textContent = "";
    details.className = "";
    var sub = metas[e.dir === 2 ? e.b : e.a], obj = metas[e.dir === 2 ? e.a : e.b];
    details.appendChild(el("h3", sub.label + " — " + obj.label));
    if (!e.st.length && e.co) { details.appendChild(el("p", "同句出现 co-occur in " + e.co + " sentence(s)", "muted")); }
    e.st.forEach(function (st) {
      var s = metas[st[1] ? e.a : e.b], o = metas[st[1] ? e.b : e.a];
      var head = el("h4", s.label + " → " + (PRED_ZH[st[0]] ? PRED_ZH[st[0]] + " " : "") + st[0] + " → " + o.label);
      details.appendChild(head);
      var dl = el("dl");
      [["关系 Relation", st[0]], ["置信度 Confidence", st[2] >= 0 ? Number(st[2]).toFixed(2) : ""],
       ["推断 Inferred", st[3] ? "是 yes（由标题推断 inferred from a heading）" : "否 no（文本直述 stated）"],
       ["规则 Rule", st[4], ruleNotes[st[4]]], ["文件 Document", docTitle(st[5])]].forEach(function (kv) {
        if (kv[1] === "" || kv[1] === undefined) { return; }
        dl.appendChild(el("dt", kv[0]));
        dl.appendChild(el("dd", kv[1]));
        if (kv[2]) { dl.appendChild(el("dd", kv[2], "muted")); }
      });
      details.appendChild(dl);
      var q = quote(sentences[st[6]] || "", namesOf(s).concat(namesOf(o)));
      if (st[3]) { q.insertBefore(el("span", "推断 inferred", "tag inf"), q.firstChild); }
      details.appendChild(q);
    });
    if (e.n > e.st.length) { details.appendChild(el("p", "… " + (e.n - e.st.length) + " 条其他陈述 more statements", "muted")); }
    [sub, obj].forEach(function (m) {
      var li = el("p", "→ " + m.label, "link");
      li.addEventListener("click", function () { focusNode(m.id); });
      details.appendChild(li);
    });
  }
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
     ["社区 Community", "#" + m.c], ["名称 Names (pk:mention)", m.m], ["指代 References (pk:reference)", m.r],
     ["又名 Also", m.alt.join("；")], ["层级 Level", m.lv], ["领域 Sector", m.sc],
     ["文件 Documents", m.d.length], ["IRI", m.iri]].forEach(function (kv) {
      if (kv[1] === "" || kv[1] === undefined) { return; }
      dl.appendChild(el("dt", kv[0]));
      dl.appendChild(el("dd", kv[1]));
    });
    details.appendChild(dl);
    if (m.e.length) {
      details.appendChild(el("h4", "证据 Evidence (按文件 by document)"));
      var lastDoc = null;
      m.e.forEach(function (ev) {
        if (ev[0] !== lastDoc) {
          lastDoc = ev[0];
          details.appendChild(el("p", docTitle(ev[0]), "doc"));
        }
        var q = quote(sentences[ev[2]], namesOf(m));
        q.insertBefore(ev[1] ? el("span", "指代 reference", "tag ref") : el("span", "名称 name", "tag"), q.firstChild);
        details.appendChild(q);
      });
      if (m.d.length > docsShown(m)) {
        details.appendChild(el("p", "… " + (m.d.length - docsShown(m)) + " 份其他文件 more documents", "muted"));
      }
    } else if (m.s.length) {
      details.appendChild(el("h4", "证据 Evidence"));
      m.s.forEach(function (s) { details.appendChild(quote(s, namesOf(m))); });
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
  network.on("selectEdge", function (p) { if (!p.nodes.length && p.edges.length) { showEdge(p.edges[0]); } });
  /* Keep the whole graph in view when the window changes size, until the user pans or zooms. */
  var userMoved = false;
  network.on("dragStart", function () { userMoved = true; });
  network.on("zoom", function () { userMoved = true; });
  network.on("resize", function () { if (!userMoved) { fitAll(); } });

  /* ---------- search ---------- */
  var search = document.getElementById("search");
  var matches = document.getElementById("matches");
  var found = [], via = {};
  function runSearch() {
    var q = search.value.trim().toLowerCase();
    matches.textContent = "";
    found = [];
    via = {};
    if (!q) { return; }
    for (var i = 0; i < metas.length && found.length < 20; i++) {
      var m = metas[i];
      var alt = "";
      for (var k = 0; k < m.alt.length && !alt; k++) { if (m.alt[k].toLowerCase().indexOf(q) >= 0) { alt = m.alt[k]; } }
      if (m.label.toLowerCase().indexOf(q) >= 0 || alt || (m.en && m.en.toLowerCase().indexOf(q) >= 0) || m.iri === q) {
        found.push(m.id);
        via[m.id] = alt;
      }
    }
    if (!found.length) { matches.appendChild(el("li", "无结果 No match", "muted")); }
    found.forEach(function (id) {
      var li = el("li", metas[id].label + (via[id] ? "（又名 " + via[id] + "）" : "") + " · " + types[metas[id].t].name, "link");
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
  if (firstLayout()) { readableLabels(); }
  network.redraw();
  if (hash.q) {
    search.value = hash.q;
    runSearch();
    if (found.length) { focusNode(found[0]); }
  }
  if (hash.edge !== undefined && data.edges[Number(hash.edge)]) {
    var shownEdge = Number(hash.edge);
    var ends = data.edges[shownEdge];
    state.pinned[ends.a] = true;
    state.pinned[ends.b] = true;
    refresh();
    network.selectEdges([shownEdge]);
    showEdge(shownEdge);
  }
  container.setAttribute("data-ready-ms", String(Math.round(performance.now())));
  container.setAttribute("data-ready", "1");
  window.kgNetwork = network;
  window.kgShowEdge = showEdge;
}());
