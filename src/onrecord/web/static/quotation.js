// A quotation: its words, and every article it appeared in, earliest first.

import { api, fill, colourOfName, el, formatDate, occurrenceHref, pathTail, safeHref, saidBlock, saidText, showError, showLoading, speakerHref } from "./common.js";

const result = document.getElementById("result");
const id = pathTail("/quotations/");

function speakerCell(o) {
  if (o.speaker_id) return el("a", { href: speakerHref(o.speaker_id) }, o.speaker);
  return o.speaker || el("span", { class: "muted" }, "unknown");
}

async function load() {
  showLoading(result, "Loading the quotation\u2026");
  try {
    const q = await api("/api/quotations/" + encodeURIComponent(id));
    const first = q.earliest;
    document.title = `\u201c${q.text.slice(0, 60)}\u201d \u00b7 onrecord`;
    const rows = q.occurrences.map((o, i) =>
      el(
        "tr",
        { class: i === 0 ? "earliest" : null },
        el("td", {}, formatDate(o.date), i === 0 ? el("div", { class: "small muted" }, "earliest") : null),
        el("td", {}, o.outlet || el("span", { class: "muted" }, "\u2014")),
        el("td", {}, el("a", { href: occurrenceHref(o) }, o.title || o.source_id || "article " + o.article_id), safeHref(o.url) ? el("div", { class: "small" }, el("a", { href: safeHref(o.url), rel: "noopener noreferrer" }, "original")) : null),
        el("td", {}, speakerCell(o)),
        el("td", { class: "said-cell" }, saidText(o.text, o.kind)),
      ),
    );
    const variants =
      q.variants.length > 1
        ? el("div", { class: "card" }, el("h2", {}, `Wordings (${q.variants.length})`), el("ul", {}, q.variants.map((v) => el("li", {}, `\u201c${v.text}\u201d \u2014 ${v.occurrences}\u00d7`))))
        : null;
    fill(
      result,
      el("h1", {}, "Quotation"),
      el(
        "div",
        { class: "card" },
        saidBlock(q.text, colourOfName(first.speaker), first.kind),
        el("div", { class: "byline" }, "First on record: ", speakerCell(first), ` \u00b7 ${[first.outlet, formatDate(first.date)].filter(Boolean).join(", ")}`),
      ),
      el(
        "div",
        { class: "card" },
        el("h2", {}, `Where and when it appeared (${q.occurrences.length})`),
        el(
          "table",
          { class: "occurrences", "data-testid": "occurrences" },
          el("thead", {}, el("tr", {}, ["Date", "Outlet", "Article", "Speaker", "Words"].map((h) => el("th", {}, h)))),
          el("tbody", {}, rows),
        ),
      ),
      variants,
    );
  } catch (err) {
    showError(result, err);
  }
}

load();
