// Shared by every page: calling the API, building DOM safely, speaker colours, formats.
// Text from the server only ever enters the page as text nodes (never as HTML).

export class ApiFailure extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// Calls the API and answers its JSON; failures become ApiFailure with the server's message.
export async function api(path, options = {}) {
  let response;
  try {
    response = await fetch(path, { credentials: "same-origin", ...options });
  } catch (err) {
    throw new ApiFailure(0, "network", "the server could not be reached");
  }
  let payload = null;
  try {
    payload = await response.json();
  } catch (err) {
    payload = null;
  }
  if (!response.ok) {
    const error = payload && payload.error;
    throw new ApiFailure(
      response.status,
      error ? error.code : "http_" + response.status,
      error ? error.message : `the server answered ${response.status}`,
    );
  }
  return payload;
}

// el("a", {href: "/x", class: "y"}, "text", child) — attributes and children, no HTML parsing.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("--")) node.style.setProperty(key, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// Distinct on white and readable as text; the first eight stay apart for the common colour
// blindnesses as far as eight can, the last four extend them for crowded articles.
const PALETTE = [
  "#1f63b5", "#c2361f", "#2b8a3e", "#8a3ab9", "#d9730d", "#0f8a8a", "#c2255c", "#7a5230",
  "#4b5bd6", "#6b8e23", "#b8860b", "#a0522d",
];
export const UNKNOWN_COLOUR = "#6b7280";

// One colour per speaker key, in order of first appearance on the page.
export class Colours {
  constructor() {
    this.assigned = new Map();
  }
  of(key) {
    if (key === null || key === undefined) return UNKNOWN_COLOUR;
    if (!this.assigned.has(key)) this.assigned.set(key, PALETTE[this.assigned.size % PALETTE.length]);
    return this.assigned.get(key);
  }
}

// A stable colour for a name on pages that show one speaker at a time.
export function colourOfName(name) {
  let hash = 0;
  for (const ch of name || "") hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// "2026-03-14" → "14 Mar 2026"; "2026-03" → "Mar 2026"; anything else as given.
export function formatDate(value) {
  if (!value) return "undated";
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(value);
  if (!m) return value;
  const month = MONTHS[Number(m[2]) - 1];
  if (!month) return value;
  return m[3] ? `${Number(m[3])} ${month} ${m[1]}` : `${month} ${m[1]}`;
}

// An article's own address as a link target, or null: only http(s) addresses become links
// (a stored "javascript:" or "data:" URL must never be clickable, whatever the CSP stops).
export function safeHref(url) {
  if (typeof url !== "string") return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch (err) {
    return null;
  }
}

export function speakerHref(name) {
  return "/speakers/" + encodeURIComponent(name);
}

export function quotationHref(id) {
  return "/quotations/" + encodeURIComponent(id);
}

export function articleHref(id) {
  return "/articles/" + encodeURIComponent(id);
}

// Where an occurrence is in its article: the article page opens there, the quote highlighted.
export function occurrenceHref(occurrence) {
  return articleHref(occurrence.article_id) + `#at-${occurrence.start}-${occurrence.end}`;
}

// The part of the path after a page prefix, decoded: "/speakers/Elena%20Marsh" → "Elena Marsh".
// A malformed escape (the server refuses those pages) is left as written rather than thrown.
export function pathTail(prefix) {
  const tail = location.pathname.slice(prefix.length);
  try {
    return decodeURIComponent(tail);
  } catch (err) {
    return tail;
  }
}

// Replaces a container's children, leaving out the parts a page did not have (null).
export function fill(container, ...children) {
  container.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
}

export function showError(container, err) {
  container.replaceChildren(el("div", { class: "error-box", role: "alert" }, err.message || String(err)));
}

export function showLoading(container, what) {
  container.replaceChildren(el("p", { class: "status" }, el("span", { class: "spinner" }), what));
}

// Words as the article gives them: a direct or mixed quote in curly marks, reported
// (indirect) speech without, since those are the reporter's words, not the speaker's.
export function saidText(text, kind) {
  return kind === "indirect" ? text : "\u201c" + text + "\u201d";
}

// The text as nodes, with the [start, end) stretches of a search marked (as text, never HTML).
export function highlighted(text, spans = []) {
  const nodes = [];
  let at = 0;
  for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (start < at || end <= start || end > text.length) continue;
    if (start > at) nodes.push(text.slice(at, start));
    nodes.push(el("mark", { class: "hit" }, text.slice(start, end)));
    at = end;
  }
  if (at < text.length) nodes.push(text.slice(at));
  return nodes;
}

// A quote coloured by its speaker; ``hits``: stretches of it a search found, marked.
export function saidBlock(text, colour, kind = "direct", hits = []) {
  const words = kind === "indirect" ? highlighted(text, hits) : ["\u201c", ...highlighted(text, hits), "\u201d"];
  return el("blockquote", { class: "said" + (kind === "indirect" ? " reported" : ""), "--c": colour }, words);
}

// "Elena Marsh · Harbor Gazette, 12 Jan 2026 — <title> · 2 occurrences": who, where, when, how often.
export function occurrenceLine(occurrence, { count = null, withSpeaker = true } = {}) {
  const parts = [];
  if (withSpeaker) {
    parts.push(
      occurrence.speaker_id
        ? el("a", { href: speakerHref(occurrence.speaker_id), class: "speaker-link" }, occurrence.speaker)
        : el("span", {}, occurrence.speaker || "speaker unknown"),
    );
  }
  const where = [occurrence.outlet, formatDate(occurrence.date)].filter(Boolean).join(", ");
  const title = occurrence.title || occurrence.source_id || "article " + occurrence.article_id;
  parts.push(el("span", {}, where + " \u2014 ", el("a", { href: occurrenceHref(occurrence) }, title)));
  if (count !== null) {
    parts.push(el("a", { href: quotationHref(occurrence.quotation_id) }, count === 1 ? "1 occurrence" : `${count} occurrences`));
  }
  const line = el("div", { class: "byline" });
  parts.forEach((part, i) => line.append(i ? " \u00b7 " : "", part));
  return line;
}
