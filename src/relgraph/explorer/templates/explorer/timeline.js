// timeline: statements per year stacked by relation family, brushable, with a play
// button. Undated statements are drawn apart (hatched grey, at their article's year)
// and can be switched off; they are never silently counted as dated. When the brushed
// years are few (zoomed()), it shows their months instead: each year is 12 month bars
// and a last bar, set apart, of its year-only and undated statements (never put in a month).
var canvas = $("histogram"), ctx2d = canvas.getContext("2d");
var years = [], geometry = { left: 34, right: 8, top: 6, bottom: 16 };
for (var y = data.years[0]; y <= data.years[1]; y++) years.push(y);
var playing = null, slots = [], canvasSize = null;
var EMPTY = { fam: FAMILIES.map(function () { return 0; }), undated: 0 };

// What the histogram draws: one slot per year, or per month (plus "year only") when zoomed.
function makeSlots() {
  if (!zoomed()) return years.map(function (yr) { return { kind: "year", year: yr, label: String(yr), c: histogram.get(yr) || EMPTY }; });
  var out = [];
  for (var yr = state.since; yr <= state.until; yr++) {
    for (var m = 0; m < 12; m++) out.push({ kind: "month", year: yr, abs: yr * 12 + m, label: monthName(yr * 12 + m), c: monthly.get(yr * 13 + m) || EMPTY });
    out.push({ kind: "yearonly", year: yr, label: yr + " year only or undated", c: monthly.get(yr * 13 + 12) || EMPTY });
  }
  return out;
}
function plotWidth() { return canvas.width / (window.devicePixelRatio || 1) - geometry.left - geometry.right; }
function xOf(k) { return geometry.left + k * plotWidth() / slots.length; }
function slotAt(px) {
  var k = Math.floor((px - geometry.left) * slots.length / plotWidth());
  return slots[Math.max(0, Math.min(slots.length - 1, k))];
}
function slotInside(sl) {
  if (sl.kind === "year") return sl.year >= state.since && sl.year <= state.until;
  if (!state.months) return true;
  return sl.kind === "month" && sl.abs >= state.months[0] && sl.abs <= state.months[1];
}
function total(c) { return c.fam.reduce(function (a, b) { return a + b; }, 0) + c.undated; }

function drawTimeline() {
  // The canvas's size changes only with the window: read once per resize, since reading
  // it after the page changed forces the browser to lay the whole page out there and then.
  var size = canvasSize || [canvas.clientWidth, canvas.clientHeight];
  if (size[0] > 0) canvasSize = size;
  var ratio = window.devicePixelRatio || 1, cssW = size[0], cssH = size[1];
  if (canvas.width !== Math.round(cssW * ratio)) { canvas.width = Math.round(cssW * ratio); canvas.height = Math.round(cssH * ratio); }
  ctx2d.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx2d.clearRect(0, 0, cssW, cssH);
  if (dragFrom === null) slots = makeSlots();  // the layout holds still while dragging
  var max = 1;
  slots.forEach(function (sl) { max = Math.max(max, total(sl.c)); });
  var h = cssH - geometry.top - geometry.bottom, step = xOf(1) - xOf(0), bw = Math.max(1, step - 1);
  ctx2d.font = "10px system-ui, sans-serif";
  ctx2d.fillStyle = "#666";
  ctx2d.fillText(String(max), 2, geometry.top + 8);
  slots.forEach(function (sl, k) {
    var c = sl.c, x = xOf(k), base = geometry.top + h, w = sl.kind === "yearonly" ? Math.max(1, bw - 3) : bw;
    if (sl.kind === "yearonly") x += 3;  // set apart from December
    ctx2d.globalAlpha = slotInside(sl) ? 1 : 0.25;
    c.fam.forEach(function (n, f) {
      if (!n) return;
      var bh = n * h / max;
      ctx2d.fillStyle = FAMILIES[f].color;
      ctx2d.fillRect(x, base - bh, w, bh);
      base -= bh;
    });
    if (c.undated) {
      var uh = c.undated * h / max;
      ctx2d.fillStyle = state.undated ? "#bbb" : "#eee";
      ctx2d.fillRect(x, base - uh, w, uh);
      ctx2d.strokeStyle = "#777";
      ctx2d.beginPath();
      for (var t = base - uh; t < base; t += 4) { ctx2d.moveTo(x, t + 4); ctx2d.lineTo(x + Math.min(w, 4), t); }
      ctx2d.stroke();
    }
    if (sl.kind === "yearonly") {  // a dashed frame: these have no month
      ctx2d.strokeStyle = "#999"; ctx2d.setLineDash([2, 2]);
      ctx2d.strokeRect(x + 0.5, geometry.top + 0.5, w - 1, h - 1);
      ctx2d.setLineDash([]);
    }
    ctx2d.globalAlpha = 1;
    ctx2d.fillStyle = "#444";
    if (sl.kind === "year" && (sl.year % 5 === 0 || years.length <= 12)) ctx2d.fillText(sl.label, x, cssH - 3);
    if (sl.kind === "month") ctx2d.fillText(k % 13 === 0 ? String(sl.year) : step >= 24 ? sl.label.slice(0, 3) : sl.label[0], x, cssH - 3);
    if (sl.kind === "yearonly") ctx2d.fillText(step >= 24 ? "yr?" : "?", x, cssH - 3);
  });
  var label = state.since === state.until ? String(state.since) : state.since + "–" + state.until;
  if (zoomed()) label += " by month (last bar of a year: year only or undated)";
  if (state.months) {
    label = monthName(state.months[0]) + (state.months[1] !== state.months[0] ? " – " + monthName(state.months[1]) : "") +
      " · year-only and undated statements hidden";
  }
  $("brush-label").textContent = label + (state.undated || state.months ? "" : " · undated hidden");
}

// Brushing: across years (zoomed out) or across months (zoomed in); a "year only" bar
// brushes its whole year. The slot layout chosen at pointerdown holds until pointerup.
var dragFrom = null;
var brushRefresh = debounce(function () { refresh({ fit: false }); }, 60);
function brushTo(a, b) {
  if (a.kind === "year") {
    setYears(Math.min(a.year, b.year), Math.max(a.year, b.year), false);
  } else if (a.kind === "month" && b.kind === "month") {
    setMonths(Math.min(a.abs, b.abs), Math.max(a.abs, b.abs), false);
  } else if (a === b) {
    setYears(a.year, a.year, false);
  }
}
canvas.addEventListener("pointerdown", function (e) {
  slots = makeSlots();
  dragFrom = slotAt(e.offsetX);
  canvas.setPointerCapture(e.pointerId);
  brushTo(dragFrom, dragFrom);
});
canvas.addEventListener("pointermove", function (e) {
  if (dragFrom === null) return;
  brushTo(dragFrom, slotAt(e.offsetX));
});
canvas.addEventListener("pointerup", function () {
  if (dragFrom === null) return;
  dragFrom = null;
  drawTimeline();
  refresh();
});

function setYears(since, until, now) {
  state.since = since; state.until = until; state.months = null;
  $("since").value = since; $("until").value = until;
  drawTimeline();
  if (now === false) brushRefresh(); else refresh();
}
// Months as year * 12 + month - 1; the years become the months' years.
function setMonths(from, to, now) {
  var keepYears = state.since <= Math.floor(from / 12) && Math.floor(to / 12) <= state.until && zoomed();
  if (!keepYears) { state.since = Math.floor(from / 12); state.until = Math.floor(to / 12); }
  state.months = [from, to];
  $("since").value = state.since; $("until").value = state.until;
  drawTimeline();
  if (now === false) brushRefresh(); else refresh();
}

function buildTimeline() {
  ["since", "until"].forEach(function (which) {
    var input = $(which);
    input.min = data.years[0]; input.max = data.years[1]; input.value = state[which];
    input.addEventListener("change", function () {
      var v = Math.max(data.years[0], Math.min(data.years[1], Number(input.value) || state[which]));
      var since = which === "since" ? v : Math.min(state.since, v), until = which === "until" ? v : Math.max(state.until, v);
      setYears(since, until);
    });
  });
  $("undated").addEventListener("change", function () { state.undated = $("undated").checked; drawTimeline(); refresh(); });
  $("all-years").addEventListener("click", function () { setYears(data.years[0], data.years[1]); });
  $("play").addEventListener("click", function () { if (playing) stopPlay(); else startPlay(); });
  window.addEventListener("resize", debounce(function () { canvasSize = null; drawTimeline(); }, 100));
}

function startPlay() {
  var year = state.since === state.until && state.since < data.years[1] ? state.since + 1 : data.years[0];
  $("play").textContent = "❚❚ Pause"; $("play").setAttribute("aria-pressed", "true");
  var step = function () {
    setYears(year, year);
    year++;
    if (year > data.years[1]) { stopPlay(); return; }
    playing = setTimeout(step, 900);
  };
  playing = setTimeout(step, 0);
}
function stopPlay() {
  clearTimeout(playing); playing = null;
  $("play").textContent = "▶ Play"; $("play").setAttribute("aria-pressed", "false");
}
