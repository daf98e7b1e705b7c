// timeline: statements per year stacked by relation family, brushable, with a play
// button. Undated statements are drawn apart (hatched grey, at their article's year)
// and can be switched off; they are never silently counted as dated.
var canvas = $("histogram"), ctx2d = canvas.getContext("2d");
var years = [], geometry = { left: 34, right: 8, top: 6, bottom: 16 };
for (var y = data.years[0]; y <= data.years[1]; y++) years.push(y);
var playing = null;

function counts() {
  var empty = { fam: FAMILIES.map(function () { return 0; }), undated: 0 };
  return new Map(years.map(function (yr) { return [yr, histogram.get(yr) || empty]; }));
}

function xOf(year) {
  var w = canvas.width / (window.devicePixelRatio || 1) - geometry.left - geometry.right;
  return geometry.left + (year - years[0]) * w / years.length;
}
function yearAt(px) {
  var w = canvas.width / (window.devicePixelRatio || 1) - geometry.left - geometry.right;
  var k = Math.floor((px - geometry.left) * years.length / w);
  return years[Math.max(0, Math.min(years.length - 1, k))];
}

function drawTimeline() {
  var ratio = window.devicePixelRatio || 1, cssW = canvas.clientWidth, cssH = canvas.clientHeight;
  if (canvas.width !== Math.round(cssW * ratio)) { canvas.width = Math.round(cssW * ratio); canvas.height = Math.round(cssH * ratio); }
  ctx2d.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx2d.clearRect(0, 0, cssW, cssH);
  var byYear = counts(), max = 1;
  byYear.forEach(function (c) { max = Math.max(max, c.fam.reduce(function (a, b) { return a + b; }, 0) + c.undated); });
  var h = cssH - geometry.top - geometry.bottom, bw = Math.max(1, xOf(years[0] + 1) - xOf(years[0]) - 1);
  ctx2d.font = "10px system-ui, sans-serif";
  ctx2d.fillStyle = "#666";
  ctx2d.fillText(String(max), 2, geometry.top + 8);
  years.forEach(function (yr) {
    var c = byYear.get(yr), x = xOf(yr), base = geometry.top + h;
    var inside = yr >= state.since && yr <= state.until;
    ctx2d.globalAlpha = inside ? 1 : 0.25;
    c.fam.forEach(function (k, f) {
      if (!k) return;
      var bh = k * h / max;
      ctx2d.fillStyle = FAMILIES[f].color;
      ctx2d.fillRect(x, base - bh, bw, bh);
      base -= bh;
    });
    if (c.undated) {
      var uh = c.undated * h / max;
      ctx2d.fillStyle = state.undated ? "#bbb" : "#eee";
      ctx2d.fillRect(x, base - uh, bw, uh);
      ctx2d.strokeStyle = "#777";
      ctx2d.beginPath();
      for (var t = base - uh; t < base; t += 4) { ctx2d.moveTo(x, t + 4); ctx2d.lineTo(x + Math.min(bw, 4), t); }
      ctx2d.stroke();
    }
    ctx2d.globalAlpha = 1;
    if (yr % 5 === 0 || years.length <= 12) { ctx2d.fillStyle = "#444"; ctx2d.fillText(String(yr), x, cssH - 3); }
  });
  $("brush-label").textContent = (state.since === state.until ? String(state.since) : state.since + "–" + state.until) +
    (state.undated ? "" : " · undated hidden");
}

var dragFrom = null;
var brushRefresh = debounce(function () { refresh({ fit: false }); }, 60);
canvas.addEventListener("pointerdown", function (e) {
  dragFrom = yearAt(e.offsetX);
  canvas.setPointerCapture(e.pointerId);
  setYears(dragFrom, dragFrom, false);
});
canvas.addEventListener("pointermove", function (e) {
  if (dragFrom === null) return;
  var to = yearAt(e.offsetX);
  setYears(Math.min(dragFrom, to), Math.max(dragFrom, to), false);
});
canvas.addEventListener("pointerup", function () {
  if (dragFrom === null) return;
  dragFrom = null;
  refresh();
});

function setYears(since, until, now) {
  state.since = since; state.until = until;
  $("since").value = since; $("until").value = until;
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
  window.addEventListener("resize", debounce(drawTimeline, 100));
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
