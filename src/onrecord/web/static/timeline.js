// An inline SVG bar chart of quotes per month: every month from the first to the last,
// empty months included, so gaps in a speaker's record show as gaps.

import { formatDate } from "./common.js";

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== null) node.textContent = text;
  return node;
}

// ["2026-01", "2026-03"] → ["2026-01", "2026-02", "2026-03"]
export function monthsBetween(first, last) {
  const months = [];
  let [y, m] = first.split("-").map(Number);
  const [ly, lm] = last.split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    months.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return months;
}

export function lastDayOf(month) {
  const [y, m] = month.split("-").map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}`;
}

function niceStep(max) {
  for (const step of [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]) if (max / step <= 5) return step;
  return Math.ceil(max / 5);
}

// timeline: [{period: "YYYY-MM" | null, quotes}], hrefOf(month) → link for a bar.
export function timelineChart(timeline, { colour, hrefOf }) {
  const dated = timeline.filter((p) => p.period);
  if (dated.length === 0) return null;
  const counts = new Map(dated.map((p) => [p.period, p.quotes]));
  const months = monthsBetween(dated[0].period, dated[dated.length - 1].period);
  const width = 820;
  const height = 220;
  const pad = { left: 36, right: 12, top: 12, bottom: 38 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const max = Math.max(...counts.values());
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const slot = plotW / months.length;
  const barW = Math.max(2, Math.min(48, slot * 0.7));
  const chart = svg("svg", { class: "timeline", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "Quotes per month" });
  chart.style.setProperty("--c", colour);
  for (let v = 0; v <= top; v += step) {
    const y = pad.top + plotH - (v / top) * plotH;
    chart.append(svg("line", { class: v ? "grid" : "axis", x1: pad.left, x2: width - pad.right, y1: y, y2: y }));
    chart.append(svg("text", { x: pad.left - 6, y: y + 4, "text-anchor": "end" }, String(v)));
  }
  const labelEvery = Math.ceil(months.length / 12);
  months.forEach((month, i) => {
    const n = counts.get(month) || 0;
    const x = pad.left + i * slot + (slot - barW) / 2;
    if (n > 0) {
      const h = (n / top) * plotH;
      const bar = svg("rect", { class: "bar", x, y: pad.top + plotH - h, width: barW, height: h, rx: 2, "data-month": month });
      bar.append(svg("title", {}, `${formatDate(month)}: ${n} ${n === 1 ? "quote" : "quotes"}`));
      const link = svg("a", { href: hrefOf(month) });
      link.append(bar);
      chart.append(link);
    }
    if (i % labelEvery === 0) {
      const [y, m] = month.split("-");
      const label = formatDate(month).split(" ")[0];
      chart.append(svg("text", { x: pad.left + i * slot + slot / 2, y: height - pad.bottom + 15, "text-anchor": "middle" }, label));
      if (i === 0 || m === "01" || (labelEvery > 1 && i < labelEvery)) {
        chart.append(svg("text", { x: pad.left + i * slot + slot / 2, y: height - pad.bottom + 30, "text-anchor": "middle" }, y));
      }
    }
  });
  return chart;
}
