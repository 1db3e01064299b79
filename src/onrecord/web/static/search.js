// The search page: filters in the address bar (shareable), results paged from /api/quotations.

import { api, colourOfName, el, occurrenceLine, saidBlock, showError, showLoading } from "./common.js";

const PAGE = 20;
const FIELDS = ["q", "speaker", "outlet", "since", "until", "kind", "order"];
const ORDERS = { date: "newest first", relevance: "best match first" };
const form = document.getElementById("search-form");
const result = document.getElementById("result");

function readForm() {
  const params = new URLSearchParams();
  for (const name of FIELDS) {
    const value = document.getElementById(name).value.trim();
    if (value) params.set(name, value);
  }
  return params;
}

function fillForm(params) {
  for (const name of FIELDS) document.getElementById(name).value = params.get(name) || "";
}

function renderPage(page, params) {
  if (page.total === 0) {
    const notes = (page.notes || []).map((note) => el("p", { class: "small muted", "data-testid": "search-note" }, note));
    result.replaceChildren(el("p", { class: "empty", "data-testid": "no-results" }, "No quotation matches these filters."), ...notes);
    return;
  }
  if (page.items.length === 0) {
    const first = new URLSearchParams(params);
    first.delete("offset");
    result.replaceChildren(el("p", { class: "empty" }, `Only ${page.total} quotations match; `, el("a", { href: "?" + first.toString() }, "back to the first page"), "."));
    return;
  }
  const from = page.offset + 1;
  const to = page.offset + page.items.length;
  const list = el("ol", { class: "results", "data-testid": "results" });
  for (const hit of page.items) {
    const o = hit.occurrence;
    list.append(
      el("li", { dataset: { quotation: hit.quotation_id } }, saidBlock(o.text, colourOfName(o.speaker), o.kind, hit.highlights), occurrenceLine(o, { count: hit.occurrences })),
    );
  }
  const go = (offset) => {
    params.set("offset", String(offset));
    history.pushState(null, "", "?" + params.toString());
    run(params);
  };
  const pager = el(
    "div",
    { class: "pager" },
    el("button", { class: "secondary", type: "button", disabled: page.offset === 0, onclick: () => go(Math.max(0, page.offset - PAGE)) }, "\u2190 Previous"),
    el("span", { class: "muted", "data-testid": "result-count" }, `${from}\u2013${to} of ${page.total} quotations`),
    el("span", { class: "muted small", "data-testid": "result-order" }, ORDERS[params.get("order") || "date"] + ", each by its earliest occurrence"),
    el("button", { class: "secondary", type: "button", disabled: to >= page.total, onclick: () => go(page.offset + PAGE) }, "Next \u2192"),
  );
  result.replaceChildren(el("div", { class: "card" }, list, pager));
}

async function run(params) {
  const query = new URLSearchParams(params);
  query.set("limit", String(PAGE));
  if (!query.has("offset")) query.set("offset", "0");
  showLoading(result, "Searching\u2026");
  try {
    renderPage(await api("/api/quotations?" + query.toString()), params);
  } catch (err) {
    showError(result, err);
  }
}

async function suggestSpeakers() {
  try {
    const answer = await api("/api/speakers?limit=200");
    document.getElementById("speaker-names").replaceChildren(...answer.items.map((s) => el("option", { value: s.name })));
  } catch (err) {
    // Suggestions are a convenience; the search works without them.
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const params = readForm();
  history.pushState(null, "", params.toString() ? "?" + params.toString() : location.pathname);
  run(params);
});

window.addEventListener("popstate", () => {
  const params = new URLSearchParams(location.search);
  fillForm(params);
  run(params);
});

const initial = new URLSearchParams(location.search);
fillForm(initial);
run(initial);
suggestSpeakers();
