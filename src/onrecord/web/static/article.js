// A stored article: /articles/{store id} shows the text with its attributions from the store,
// under its title, outlet and date; /articles/{id}#at-START-END opens it at one quote.

import { ArticleView } from "./article-view.js";
import { api, fill, el, pathTail, showError, showLoading } from "./common.js";

const result = document.getElementById("result");
const id = pathTail("/articles/");
let view = null;

// "#at-120-164" → [120, 164], the offsets of the quote to open at.
function wantedOccurrence() {
  const m = /^#at-(\d+)-(\d+)$/.exec(location.hash);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

async function load() {
  showLoading(result, "Loading the article\u2026");
  try {
    const path = "/api/articles/" + encodeURIComponent(id);
    const [article, meta] = await Promise.all([api(path), api(path + "/metadata")]);
    const title = meta.title || "Article " + id;
    document.title = `${title} \u00b7 onrecord`;
    const holder = el("div");
    fill(result, meta.title ? null : el("h1", {}, title), holder);
    view = new ArticleView(holder, article, { meta, storeAvailable: true });
    view.render();
    openWanted();
  } catch (err) {
    showError(result, err);
  }
}

function openWanted() {
  const at = wantedOccurrence();
  if (view && at) view.openAt(...at);
}

window.addEventListener("hashchange", openWanted);

load();
