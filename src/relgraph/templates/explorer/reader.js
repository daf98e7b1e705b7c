// reader: a statement's article, the quote highlighted and scrolled to, with outlet,
// date, URL (as text: the page never navigates) and a citation to copy.
var readerReturn = null;

function citationOf(s) {
  var parts = [s.art.outlet, "“" + s.art.title + "”", s.art.published];
  if (s.art.url) parts.push(s.art.url);
  return parts.join(", ") + ". Quoted: “" + quoteOf(s) + "”";
}

function openReader(s) {
  var box = $("reader");
  readerReturn = document.activeElement;
  box.replaceChildren();
  box.setAttribute("data-statement", s.id);
  var head = el("div", null, "reader-head");
  var bar = el("div", null, "reader-bar");
  bar.appendChild(el("h2", s.art.title));
  bar.appendChild(button("Close", closeReader, "close"));
  head.appendChild(bar);
  var meta = el("p", s.art.outlet + " · " + s.art.published, "meta");
  head.appendChild(meta);
  if (s.art.url) { var url = el("p", null, "meta"); url.appendChild(el("span", "URL: ")); url.appendChild(el("code", s.art.url, "url")); head.appendChild(url); }
  var claim = el("p", null, "reader-claim");
  claim.appendChild(swatch(s.rel.color));
  var pair = s.pairList[0];
  claim.appendChild(el("span", " " + pair[0].label + " " + s.rel.label + " " + pair[1].label + " · " + dateLabel(s) + " · " + s.status));
  head.appendChild(claim);
  var cite = el("p", citationOf(s), "citation");
  head.appendChild(cite);
  var copied = el("span", "", "meta");
  copied.setAttribute("aria-live", "polite");
  var copy = button("Copy citation", function () { copyText(citationOf(s), copied); }, "copy");
  var tools = el("div", null, "row");
  tools.appendChild(copy); tools.appendChild(copied);
  head.appendChild(tools);
  box.appendChild(head);
  var text = el("div", null, "article-text");
  var body = s.art.text, mark = null;
  if (body && s.start >= 0) {
    text.appendChild(document.createTextNode(body.slice(0, s.start)));
    mark = el("mark", body.slice(s.start, s.end));
    text.appendChild(mark);
    text.appendChild(document.createTextNode(body.slice(s.end)));
  } else if (body) {
    var at = body.indexOf(s.quote);
    if (at >= 0) {
      text.appendChild(document.createTextNode(body.slice(0, at)));
      mark = el("mark", s.quote);
      text.appendChild(mark);
      text.appendChild(document.createTextNode(body.slice(at + s.quote.length)));
    } else text.textContent = body;
  } else {
    text.appendChild(el("p", "The article's text is not in this page; the quote:", "meta"));
    mark = el("mark", quoteOf(s));
    text.appendChild(mark);
  }
  box.appendChild(text);
  box.hidden = false;
  box.focus({ preventScroll: true });
  if (mark) mark.scrollIntoView({ block: "center" });
  state.reading = s.id;
  emit("reader");
}

function closeReader() {
  $("reader").hidden = true;
  state.reading = null;
  if (readerReturn && readerReturn.focus) readerReturn.focus();
  emit("reader");
}

function copyText(text, status) {
  var done = function () { status.textContent = "Copied."; };
  var fallback = function () {
    var area = el("textarea");
    area.value = text; area.setAttribute("readonly", "");
    area.style.position = "fixed"; area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    area.remove();
    status.textContent = ok ? "Copied." : "Select the citation above and copy it.";
  };
  if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, fallback);
  else fallback();
}

$("reader").addEventListener("keydown", function (e) { if (e.key === "Escape") { e.stopPropagation(); closeReader(); } });
