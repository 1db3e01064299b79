// A stored article: /articles/{id} shows the text with its attributions from the store.

import { ArticleView } from "./article-view.js";
import { api, fill, el, pathTail, showError, showLoading } from "./common.js";

const result = document.getElementById("result");
const id = pathTail("/articles/");

async function load() {
  showLoading(result, "Loading the article\u2026");
  try {
    const article = await api("/api/articles/" + encodeURIComponent(id));
    document.title = `${article.id || id} \u00b7 onrecord`;
    const heading = el("h1", {}, article.id || "Article " + id);
    const holder = el("div");
    fill(result, heading, holder);
    new ArticleView(holder, article, { storeAvailable: true }).render();
  } catch (err) {
    showError(result, err);
  }
}

load();
