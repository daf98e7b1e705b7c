// notice: messages in the status line and beside the reader's "Copy citation" are
// transient. Whoever writes them, each one goes away after NOTICE_MS or at the
// analyst's next action (a click or key press elsewhere), whichever comes first, so
// "Copied." never stays through unrelated actions. A message written by that next
// action itself stays: it is newer than the action.
var NOTICE_MS = 6000, noticeTimers = new Map(), noticeBorn = new Map();

function watchNotices(target) {
  new MutationObserver(function () {
    clearTimeout(noticeTimers.get(target));
    if (!target.textContent) return;
    noticeBorn.set(target, performance.now());
    noticeTimers.set(target, setTimeout(function () { target.textContent = ""; }, NOTICE_MS));
  }).observe(target, { childList: true, characterData: true, subtree: true });
}
watchNotices($("status"));
// The reader's confirmation lives in a span made anew for each article: watch the reader.
new MutationObserver(function () {
  var copied = $("reader").querySelector(".reader-head .row .meta");
  if (copied && !copied.hasAttribute("data-watched")) { copied.setAttribute("data-watched", ""); watchNotices(copied); }
}).observe($("reader"), { childList: true });

function clearNotices(e) {
  var now = performance.now();
  noticeBorn.forEach(function (born, target) {
    if (born < now && target.textContent && !target.contains(e.target)) {
      // the action may write a new message: only what was there before it goes
      target.textContent = "";
      clearTimeout(noticeTimers.get(target));
    }
  });
  noticeBorn.clear();
}
document.addEventListener("pointerdown", clearNotices, true);
document.addEventListener("keydown", function (e) {
  if (e.key === "Shift" || e.key === "Control" || e.key === "Alt" || e.key === "Meta" || e.key === "Tab") return;
  clearNotices(e);
}, true);
