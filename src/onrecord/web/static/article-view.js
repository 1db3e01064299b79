// The article view: the text with each quote in its speaker's colour, cues marked,
// mentions linked to their speaker, a hover card with channel, time and evidence,
// and beside it the speakers and the quotes in reading order.
// It reads the article JSON contract and renders whatever optional fields are present.

import { Colours, el, fill, formatDate, safeHref, saidText, speakerHref, UNKNOWN_COLOUR } from "./common.js";

const PRONOUNS = new Set("i we you he she it they this that these those who one someone".split(" "));

// "Marsh" names someone; "he", "it" or "the minister" only points at them.
function looksLikeName(mention) {
  const words = mention.trim().split(/\s+/);
  return /^\p{Lu}/u.test(words[0]) && !(words.length === 1 && PRONOUNS.has(words[0].toLowerCase()));
}

// Who a quote is by: its entity when resolved, else its canonical name, else the mention.
function speakerOf(quote, entities) {
  const entity = quote.entity ? entities.get(quote.entity) : null;
  if (entity) return { key: "entity:" + entity.id, name: entity.name, resolved: true };
  if (quote.speaker_name) return { key: "name:" + quote.speaker_name.toLowerCase(), name: quote.speaker_name, resolved: true };
  if (quote.speaker) {
    const text = quote.speaker.text;
    return { key: "mention:" + text.toLowerCase(), name: text, resolved: looksLikeName(text) };
  }
  return { key: null, name: "Speaker unknown", resolved: false };
}

// A speaker chain may be mentions (spans) or names; show each link as words.
function chainText(chain) {
  if (!Array.isArray(chain) || chain.length < 2) return null;
  return chain
    .map((link) => (typeof link === "string" ? link : link && (link.text || link.name)) || "?")
    .join(" \u2192 ");
}

// Cuts [0, text.length) at every mark boundary; each piece knows the marks covering it.
function segment(length, marks) {
  const cuts = new Set([0, length]);
  for (const mark of marks) {
    cuts.add(Math.max(0, Math.min(length, mark.start)));
    cuts.add(Math.max(0, Math.min(length, mark.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const starting = new Map();
  for (const mark of marks) {
    if (mark.end <= mark.start) continue;
    if (!starting.has(mark.start)) starting.set(mark.start, []);
    starting.get(mark.start).push(mark);
  }
  const pieces = [];
  let active = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [from, to] = [points[i], points[i + 1]];
    active = active.filter((mark) => mark.end > from).concat(starting.get(from) || []);
    if (to > from) pieces.push({ from, to, marks: active.slice() });
  }
  return pieces;
}

export class ArticleView {
  constructor(container, article, { meta = null, storeAvailable = false } = {}) {
    this.container = container;
    this.article = article;
    this.meta = meta;
    this.storeAvailable = storeAvailable;
    this.entities = new Map((article.entities || []).map((e) => [e.id, e]));
    this.colours = new Colours();
    this.speakers = new Map(); // key → {key, name, colour, quotes: [i]}
    this.quoteSpeaker = [];
    (article.quotes || []).forEach((quote, i) => {
      const who = speakerOf(quote, this.entities);
      const colour = who.key ? this.colours.of(who.key) : UNKNOWN_COLOUR;
      const legendKey = who.key || "unknown";
      if (!this.speakers.has(legendKey)) {
        this.speakers.set(legendKey, { ...who, colour, quotes: [], anchor: "speaker-" + this.speakers.size });
      }
      this.speakers.get(legendKey).quotes.push(i);
      this.quoteSpeaker.push(this.speakers.get(legendKey));
    });
    this.tip = document.getElementById("tip") || document.body.appendChild(el("div", { id: "tip", role: "tooltip", hidden: true }));
    this.focused = null;
  }

  render() {
    const text = this.renderText();
    const side = this.renderSide();
    fill(
      this.container,
      el("div", { class: "article-view" }, el("article", { class: "card" }, this.renderMeta(), text, this.renderKey()), side),
    );
    this.textNode = text;
    this.bindHover(text);
  }

  renderMeta() {
    const a = this.article;
    const quotes = (a.quotes || []).length;
    const named = [...this.speakers.values()].filter((s) => s.key).length;
    const parts = [];
    if (this.meta && this.meta.outlet) parts.push(this.meta.outlet);
    parts.push(a.date ? "published " + formatDate(a.date) : "publication date not given");
    parts.push(`${quotes} ${quotes === 1 ? "quote" : "quotes"} from ${named} ${named === 1 ? "speaker" : "speakers"}`);
    const title = this.meta && this.meta.title ? el("h1", {}, this.meta.title) : null;
    const href = this.meta ? safeHref(this.meta.url) : null;
    const link = href ? el("a", { href, rel: "noopener noreferrer" }, "original") : null;
    return el("div", {}, title, el("div", { class: "article-meta", "data-testid": "article-summary" }, parts.join(" \u00b7 "), link ? " \u00b7 " : null, link));
  }

  // What the marks mean, for a reader who has not seen the page before.
  renderKey() {
    if (!(this.article.quotes || []).length) return null;
    const sample = (kind, words) => el("mark", { class: `quote kind-${kind}`, "--c": UNKNOWN_COLOUR }, words);
    return el(
      "p",
      { class: "key small muted" },
      sample("direct", "quoted words"),
      " and ",
      sample("indirect", "reported speech"),
      " in the speaker's colour \u00b7 ",
      el("span", { class: "cue" }, "cue"),
      " \u00b7 ",
      el("span", { class: "mention", "--c": UNKNOWN_COLOUR }, "speaker mention"),
      " \u00b7 hover a quote for its evidence",
    );
  }

  marks() {
    const a = this.article;
    const marks = [];
    const cues = new Map();
    const mentions = new Map();
    (a.quotes || []).forEach((quote, i) => {
      // An interrupted content ("The plan, she said, will fail") is marked piece by piece.
      for (const stretch of quote.pieces && quote.pieces.length ? quote.pieces : [quote]) {
        marks.push({ type: "quote", start: stretch.start, end: stretch.end, q: i });
      }
      if (quote.cue) {
        const key = quote.cue.start + ":" + quote.cue.end;
        if (!cues.has(key)) cues.set(key, { type: "cue", start: quote.cue.start, end: quote.cue.end, qs: [] });
        cues.get(key).qs.push(i);
      }
      if (quote.speaker) {
        const key = quote.speaker.start + ":" + quote.speaker.end;
        if (!mentions.has(key)) mentions.set(key, { type: "mention", start: quote.speaker.start, end: quote.speaker.end, speaker: this.quoteSpeaker[i] });
      }
    });
    // Every mention of a resolved speaker links to it, quoted there or not.
    for (const speaker of this.speakers.values()) {
      const entity = speaker.key && speaker.key.startsWith("entity:") ? this.entities.get(speaker.key.slice(7)) : null;
      for (const m of (entity && entity.mentions) || []) {
        const key = m.start + ":" + m.end;
        if (!mentions.has(key)) mentions.set(key, { type: "mention", start: m.start, end: m.end, speaker });
      }
    }
    for (const s of a.skipped || []) {
      if (s.end - s.start > 1) marks.push({ type: "skipped", start: s.start, end: s.end, reason: s.reason });
    }
    return marks.concat([...cues.values()], [...mentions.values()]);
  }

  renderText() {
    const body = this.article.text || "";
    const node = el("div", { class: "article-text", "data-testid": "article-text" });
    const firstPiece = new Set();
    for (const piece of segment(body.length, this.marks())) {
      let out = document.createTextNode(body.slice(piece.from, piece.to));
      const by = (type) => piece.marks.find((m) => m.type === type);
      const mention = by("mention");
      if (mention) {
        out = el("a", { class: "mention", href: "#" + mention.speaker.anchor, "--c": mention.speaker.colour, dataset: { speaker: mention.speaker.name } }, out);
      }
      const cue = by("cue");
      if (cue) out = el("span", { class: "cue", title: "cue", "--cue-c": this.quoteSpeaker[cue.qs[0]].colour, dataset: { quotes: cue.qs.join(" ") } }, out);
      const skipped = by("skipped");
      if (skipped && !by("quote")) out = el("span", { class: "skipped", title: "not reported as a quote: " + skipped.reason }, out);
      // Where quotes nest (reported speech around a quoted fragment), the innermost one shows.
      const quote = piece.marks.filter((m) => m.type === "quote").reduce((inner, m) => (!inner || m.start > inner.start ? m : inner), null);
      if (quote) {
        const speaker = this.quoteSpeaker[quote.q];
        const first = !firstPiece.has(quote.q);
        firstPiece.add(quote.q);
        out = el(
          "mark",
          {
            class: `quote kind-${this.article.quotes[quote.q].kind}` + (speaker.key ? "" : " unattributed"),
            "--c": speaker.colour,
            tabindex: first ? "0" : null,
            id: first ? "quote-" + quote.q : null,
            dataset: { q: quote.q, speaker: speaker.name },
          },
          out,
        );
      }
      node.append(out);
    }
    return node;
  }

  renderSide() {
    const legend = el("ul", { class: "legend", "data-testid": "speakers" });
    for (const speaker of this.speakers.values()) {
      const storeLink =
        this.storeAvailable && speaker.resolved ? el("a", { href: speakerHref(speaker.name), class: "small", title: "this speaker's quotes in the store" }, "all quotes") : null;
      legend.append(
        el(
          "li",
          { id: speaker.anchor, "--c": speaker.colour, dataset: { key: speaker.key || "" } },
          el(
            "button",
            { class: "speaker-filter", type: "button", title: "show only this speaker's quotes", onclick: () => this.toggleSpeaker(speaker) },
            el("span", { class: "swatch", "--c": speaker.colour }),
            el(
              "span",
              { class: "speaker-name" + (speaker.key && !speaker.resolved ? " unresolved" : ""), title: speaker.resolved ? null : "the mention the cue attaches to; not resolved to a name" },
              speaker.resolved || !speaker.key ? speaker.name : "\u201c" + speaker.name + "\u201d",
            ),
          ),
          storeLink,
          el("span", { class: "count" }, String(speaker.quotes.length)),
        ),
      );
    }
    const list = el("ol", { class: "quote-list", "data-testid": "quote-list" });
    (this.article.quotes || []).forEach((quote, i) => {
      const speaker = this.quoteSpeaker[i];
      const cue = quote.cue ? ", " + quote.cue.text : "";
      const short = quote.text.length > 160 ? quote.text.slice(0, 157) + "\u2026" : quote.text;
      list.append(
        el(
          "li",
          { "--c": speaker.colour, dataset: { q: i }, onclick: () => this.reveal(i), onmouseenter: () => this.light(i), onmouseleave: () => this.light(null) },
          el("div", { class: "said" + (quote.kind === "indirect" ? " reported" : "") }, saidText(short, quote.kind)),
          el("div", { class: "who" }, speaker.name + cue),
        ),
      );
    });
    const quotes = (this.article.quotes || []).length;
    return el(
      "aside",
      { class: "side" },
      el("div", { class: "card" }, el("h2", {}, "Who spoke"), this.speakers.size ? legend : el("p", { class: "empty" }, "No quotes found in this text.")),
      quotes ? el("div", { class: "card" }, el("h2", {}, `Quotes (${quotes})`), list) : null,
    );
  }

  // Dims every quote but this speaker's; a second click shows all again.
  toggleSpeaker(speaker) {
    this.focused = this.focused === speaker ? null : speaker;
    this.textNode.classList.toggle("dimmed", this.focused !== null);
    for (const mark of this.textNode.querySelectorAll("mark.quote")) {
      mark.classList.toggle("lit", this.focused !== null && this.focused.quotes.includes(Number(mark.dataset.q)));
    }
    for (const item of this.container.querySelectorAll(".legend li")) {
      item.classList.toggle("lit", this.focused !== null && item.id === this.focused.anchor);
    }
    // The quote list shows the chosen speaker's quotes only.
    for (const item of this.container.querySelectorAll(".quote-list li")) {
      item.hidden = this.focused !== null && !this.focused.quotes.includes(Number(item.dataset.q));
    }
  }

  // Opens the article at the quote with these offsets (a link from a quotation or a search):
  // scrolled to, focused and marked as the target.
  openAt(start, end) {
    const quotes = this.article.quotes || [];
    let q = quotes.findIndex((quote) => quote.start === start && quote.end === end);
    if (q < 0) q = quotes.findIndex((quote) => quote.start < end && start < quote.end);
    if (q < 0) return;
    for (const mark of this.textNode.querySelectorAll("mark.quote")) mark.classList.toggle("target", Number(mark.dataset.q) === q);
    this.reveal(q);
  }

  light(q) {
    for (const mark of this.textNode.querySelectorAll("mark.quote")) mark.classList.toggle("active", Number(mark.dataset.q) === q);
    for (const item of this.container.querySelectorAll(".quote-list li")) item.classList.toggle("active", Number(item.dataset.q) === q);
  }

  reveal(q) {
    const mark = this.textNode.querySelector(`#quote-${q}`);
    if (!mark) return;
    mark.scrollIntoView({ block: "center", behavior: "smooth" });
    mark.focus({ preventScroll: true });
    this.light(q);
  }

  bindHover(text) {
    const show = (target) => {
      const mark = target.closest && target.closest("mark.quote");
      if (!mark) return this.hideTip();
      const q = Number(mark.dataset.q);
      this.light(q);
      this.showTip(q, mark);
    };
    text.addEventListener("mouseover", (event) => show(event.target));
    text.addEventListener("mouseleave", () => this.hideTip());
    text.addEventListener("focusin", (event) => show(event.target));
    text.addEventListener("focusout", () => this.hideTip());
  }

  hideTip() {
    this.tip.hidden = true;
    this.light(null);
  }

  showTip(q, anchor) {
    const quote = this.article.quotes[q];
    const speaker = this.quoteSpeaker[q];
    const rows = [];
    const row = (label, value) => rows.push(el("dt", {}, label), el("dd", {}, value));
    if (quote.speaker && quote.speaker.text !== speaker.name) row("Mention", "\u201c" + quote.speaker.text + "\u201d");
    const chain = chainText(quote.speaker_chain);
    if (chain) row("Chain", chain);
    row("Cue", quote.cue ? "\u201c" + quote.cue.text + "\u201d" : "none of its own");
    row("Kind", `${quote.kind}${quote.act && quote.act !== "speech" ? " (" + quote.act + ")" : ""}`);
    if (quote.channel) {
      const platform = quote.channel.platform ? " \u00b7 " + quote.channel.platform : "";
      row("Channel", `${quote.channel.type.replaceAll("_", " ")}${platform} (\u201c${quote.channel.text}\u201d)`);
    } else {
      row("Channel", "not stated");
    }
    if (quote.when) {
      row("Time", `${quote.when.value ? formatDate(quote.when.value) + " " : "unresolved "}(\u201c${quote.when.text}\u201d)`);
    } else {
      row("Time", this.article.date ? `not stated; published ${formatDate(this.article.date)}` : "not stated");
    }
    if (quote.addressee) row("To", quote.addressee.name || quote.addressee.text);
    row("Confidence", Math.round((quote.confidence || 0) * 100) + "%");
    const evidence = el(
      "ol",
      {},
      (quote.evidence || []).map((e) => el("li", {}, el("code", {}, `${e.stage} \u00b7 ${e.rule}`), " ", e.why)),
    );
    this.tip.replaceChildren(
      el("div", { class: "tip-who" }, speaker.name),
      el("dl", {}, rows),
      el("div", { class: "muted" }, "Evidence"),
      evidence,
    );
    this.tip.style.setProperty("--c", speaker.colour);
    this.tip.hidden = false;
    // Below the quote, else above it, else at the window's right edge over the side panel
    // (covering the panel rather than the text being read): always inside the window.
    const box = anchor.getBoundingClientRect();
    const [width, height] = [this.tip.offsetWidth, this.tip.offsetHeight];
    const [viewW, viewH] = [document.documentElement.clientWidth, window.innerHeight];
    let left = Math.max(8, Math.min(box.left, viewW - width - 8));
    let top;
    if (box.bottom + 8 + height <= viewH) {
      top = box.bottom + 8;
    } else if (box.top - 8 - height >= 0) {
      top = box.top - 8 - height;
    } else {
      left = Math.max(8, viewW - width - 8);
      top = Math.max(8, Math.min(box.top, viewH - height - 8));
    }
    this.tip.style.left = window.scrollX + left + "px";
    this.tip.style.top = window.scrollY + top + "px";
  }
}
