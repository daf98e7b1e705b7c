// reader: a statement's article and its photo captions (after the text), the quote
// highlighted and scrolled to wherever it is, with outlet, date, URL (as text: the page
// never navigates) and a citation to copy that says when the quote is a photo caption.
var readerReturn = null;

function citationOf(s) {
  var parts = [s.art.outlet, "“" + s.art.title + "”", s.art.published + (s.art.updated ? " (updated " + s.art.updated + ")" : "")];
  if (s.art.url) parts.push(s.art.url);
  var where = s.caption >= 0 ? "Quoted from a photo caption: “" : "Quoted: “";
  return parts.join(", ") + ". " + where + quoteOf(s) + "”";
}

// Fill box with text, the span [start, end) in a <mark>; return the mark.
function withMark(box, text, start, end) {
  box.appendChild(document.createTextNode(text.slice(0, start)));
  var mark = el("mark", text.slice(start, end));
  box.appendChild(mark);
  box.appendChild(document.createTextNode(text.slice(end)));
  return mark;
}

// The article's photo captions, each marked as one; the statement's caption quote
// highlighted. Returns the mark, if the quote is in a caption.
function appendCaptions(box, s) {
  var captions = s.art.captions || [], mark = null;
  if (!captions.length) return null;
  var list = el("section", null, "captions");
  list.setAttribute("aria-label", "Photo captions");
  list.appendChild(el("h3", captions.length === 1 ? "Photo caption" : "Photo captions"));
  captions.forEach(function (caption, i) {
    var item = el("p", null, "caption");
    item.setAttribute("data-caption", String(i));
    item.appendChild(el("span", "Photo caption" + (captions.length > 1 ? " " + (i + 1) : "") + ": ", "caption-label"));
    var words = el("span", null, "caption-text");
    if (s.caption === i && s.start >= 0) mark = withMark(words, caption, s.start, s.end);
    else words.textContent = caption;
    item.appendChild(words);
    list.appendChild(item);
  });
  box.appendChild(list);
  return mark;
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
  var meta = el("p", s.art.outlet + " · " + s.art.published + (s.art.updated ? " · updated " + s.art.updated : ""), "meta");
  head.appendChild(meta);
  if (s.art.url) { var url = el("p", null, "meta"); url.appendChild(el("span", "URL: ")); url.appendChild(el("code", s.art.url, "url")); head.appendChild(url); }
  var claim = el("p", null, "reader-claim");
  claim.appendChild(swatch(s.rel.color));
  claim.appendChild(el("span", " " + headline(s) + " · " + dateLabel(s) + " · " + s.status));
  head.appendChild(claim);
  if (s.attributed_to) head.appendChild(el("p", "according to " + s.attributed_to, "meta attribution"));
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
  if (body && s.start >= 0 && s.caption < 0) mark = withMark(text, body, s.start, s.end);
  else if (body) {
    var at = s.caption < 0 && s.quote ? body.indexOf(s.quote) : -1;
    if (at >= 0) mark = withMark(text, body, at, at + s.quote.length);
    else text.appendChild(document.createTextNode(body));
  }
  if (body) mark = appendCaptions(text, s) || mark;
  else {
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
