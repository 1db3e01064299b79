// The speakers of the store, most quoted first, each a link to their page.

import { api, el, fill, formatDate, showError, showLoading, speakerHref } from "./common.js";

const result = document.getElementById("result");

async function load() {
  showLoading(result, "Loading the speakers\u2026");
  try {
    const { items } = await api("/api/speakers?limit=100");
    const rows = items.map((s) =>
      el(
        "li",
        {},
        el("a", { href: speakerHref(s.id) }, s.name),
        el("span", { class: "small muted" }, ` \u2014 ${s.quotes} quotes in ${s.articles} articles, ${formatDate(s.first_date)} \u2013 ${formatDate(s.last_date)}`),
      ),
    );
    fill(result, el("h1", {}, "Speakers"), items.length ? el("ol", { class: "results", "data-testid": "speakers" }, rows) : el("p", { class: "empty" }, "The store holds no speakers yet."));
  } catch (err) {
    showError(result, err);
  }
}

load();
