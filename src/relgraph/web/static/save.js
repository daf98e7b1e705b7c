// Saving: after every change (debounced) the document is written with the etag
// of the file the page opened; a refused save (the file changed on disk) is
// reported and autosave stops. Until a save succeeds the work is also kept in
// this browser's storage, so closing the tab loses nothing.
import { ApiError, get, post } from "./api.js";

const DELAY = 500;
const RETRY = 3000;

export class Saver {
  constructor(state, queue, report) {
    this.state = state;
    this.queue = queue;
    this.report = report;
    this.timer = null;
    window.addEventListener("beforeunload", (event) => {
      if (this.state.dirty) event.preventDefault();
    });
  }

  backupKey() {
    return `relgraph-annotate:${this.state.id}`;
  }

  changed() {
    this.state.dirty = true;
    try {
      localStorage.setItem(this.backupKey(), JSON.stringify({ etag: this.state.etag, doc: this.state.doc }));
    } catch (error) {
      // storage full or disabled: the server copy is still the goal
    }
    // After a refused save, later changes are still sent: each is refused too, and the
    // server keeps the latest version in .annotate/unsaved/.
    if (!this.state.conflict) this.report("unsaved changes");
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.queue(() => this.save());
    }, DELAY);
  }

  // Say so as soon as the file changes on disk (another tab, an editor, relgraph draft),
  // not only when a save is refused.
  watch(every = 4000) {
    setInterval(async () => {
      if (this.state.conflict || this.timer || this.state.saving) return;
      const asked = this.state.etag;
      try {
        const now = await get(`/api/etag/${encodeURIComponent(this.state.id)}`);
        // a save of ours that finished meanwhile explains a difference
        if (now.etag !== asked && this.state.etag === asked && !this.state.saving) {
          this.state.conflict = true;
          this.report(
            "changed on disk",
            "The file changed on disk since this page opened it. Reload the page to see it; " +
              "changes made here will not overwrite it.",
          );
        }
      } catch (error) {
        // the server is gone: the next save says so
      }
    }, every);
  }

  // A backup left by a page that closed before saving, for the file as it still is.
  restorable(etag) {
    try {
      const kept = JSON.parse(localStorage.getItem(this.backupKey()) || "null");
      return kept && kept.etag === etag ? kept.doc : null;
    } catch (error) {
      return null;
    }
  }

  async save() {
    clearTimeout(this.timer);
    this.timer = null;
    if (!this.state.dirty) return;
    this.report("saving…");
    this.state.saving = true;
    try {
      const result = await post(`/api/save/${encodeURIComponent(this.state.id)}`, {
        doc: this.state.doc,
        etag: this.state.etag,
      });
      this.state.etag = result.etag;
      this.state.dirty = false;
      localStorage.removeItem(this.backupKey());
      this.report("saved");
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        this.state.conflict = true;
        const hint = error.hint.charAt(0).toUpperCase() + error.hint.slice(1);
        this.report("not saved", `${error.message}. ${hint}.`);
      } else {
        // The server is gone or failed: the work stays in this browser; try again shortly.
        this.report("not saved", `${error.message}: your changes are kept in this browser, retrying`);
        this.timer = setTimeout(() => {
          this.timer = null;
          this.queue(() => this.save());
        }, RETRY);
      }
    } finally {
      this.state.saving = false;
    }
  }
}
