// A speaker: counts, a timeline of their quotes per month, and their quotes, newest first by month.

import { api, fill, colourOfName, el, formatDate, occurrenceLine, pathTail, quotationHref, saidBlock, showError, showLoading } from "./common.js";
import { lastDayOf, timelineChart } from "./timeline.js";

const SHOWN = 100;
const result = document.getElementById("result");
const wanted = pathTail("/speakers/");

function searchHref(name, since, until) {
  const params = new URLSearchParams({ speaker: name });
  if (since) params.set("since", since);
  if (until) params.set("until", until);
  return "/search?" + params.toString();
}

function stat(label, value) {
  return el("div", {}, el("strong", {}, value), label);
}

function quotesByMonth(recent, colour) {
  const section = el("div", { "data-testid": "speaker-quotes" });
  let month;
  let list;
  for (const o of recent) {
    const key = o.date ? o.date.slice(0, 7) : null;
    if (list === undefined || key !== month) {
      month = key;
      list = el("ol", { class: "results" });
      section.append(el("h2", {}, key ? formatDate(key) : "Undated"), list);
    }
    list.append(
      el("li", {}, el("a", { href: quotationHref(o.quotation_id), class: "plain" }, saidBlock(o.text, colour, o.kind)), occurrenceLine(o, { withSpeaker: false })),
    );
  }
  return section;
}

async function load() {
  showLoading(result, "Loading the speaker\u2026");
  try {
    const s = await api(`/api/speakers/${encodeURIComponent(wanted)}?recent=${SHOWN}`);
    document.title = `${s.name} \u00b7 onrecord`;
    const colour = colourOfName(s.name);
    const span = s.first_date ? `${formatDate(s.first_date)} \u2013 ${formatDate(s.last_date)}` : "undated";
    const chart = timelineChart(s.timeline, { colour, hrefOf: (m) => searchHref(s.name, m + "-01", lastDayOf(m)) });
    const undated = s.timeline.filter((p) => !p.period).reduce((n, p) => n + p.quotes, 0);
    const more = s.quotes > s.recent.length ? el("p", {}, el("a", { href: searchHref(s.name) }, `Search all ${s.quotes} quotes by ${s.name} \u2192`)) : null;
    fill(
      result,
      el("h1", { "data-testid": "speaker-name" }, s.name),
      el("p", { class: "muted", "data-testid": "speaker-identity" }, [s.type, { f: "woman", m: "man" }[s.gender], s.qid].filter(Boolean).join(" \u00b7 ")),
      s.variants.length > 1
        ? el("p", { class: "muted small", "data-testid": "speaker-variants" },
            "Named in the articles as: " + s.variants.map((v) => `${v.name} (${v.quotes})`).join(", "))
        : null,
      el(
        "div",
        { class: "stats" },
        stat("quotes", s.quotes),
        stat("distinct quotations", s.quotations),
        stat("articles", s.articles),
        stat("on record", span),
      ),
      el(
        "div",
        { class: "card", "data-testid": "timeline" },
        el("h2", {}, "Quotes per month"),
        chart || el("p", { class: "empty" }, "No dated quotes."),
        undated ? el("p", { class: "muted small" }, `${undated} more in undated articles.`) : null,
      ),
      el("div", { class: "card" }, el("h2", {}, s.quotes > s.recent.length ? `Latest ${s.recent.length} quotes` : "Quotes"), quotesByMonth(s.recent, colour), more),
    );
  } catch (err) {
    showError(result, err);
  }
}

load();
