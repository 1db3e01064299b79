// The paste box: posts the text to /api/extract and shows the article view.

import { ArticleView } from "./article-view.js";
import { api, showError, showLoading } from "./common.js";

const form = document.getElementById("paste-form");
const result = document.getElementById("result");
const button = document.getElementById("run");
let health = { store: null, max_bytes: null };

api("/api/health").then(
  (answer) => {
    health = answer;
    const kb = Math.floor(answer.max_bytes / 1000).toLocaleString("en");
    document.getElementById("limits").textContent = `Up to ${kb} kB of text; extraction stops after ${answer.timeout_s} s.`;
  },
  () => {},
);

// Ctrl+Enter (or Cmd+Enter) in the text box reads the article, as the button does.
document.getElementById("text").addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) form.requestSubmit();
});

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = document.getElementById("text").value;
  const date = document.getElementById("date").value || null;
  if (!text.trim()) {
    showError(result, new Error("Paste an article first."));
    return;
  }
  const body = JSON.stringify({ text, date });
  if (health.max_bytes && new Blob([body]).size > health.max_bytes) {
    showError(result, new Error(`This text is longer than the server accepts (${health.max_bytes.toLocaleString("en")} bytes).`));
    return;
  }
  button.disabled = true;
  showLoading(result, "Reading the article\u2026");
  try {
    const article = await api("/api/extract", { method: "POST", headers: { "content-type": "application/json" }, body });
    new ArticleView(result, article, { storeAvailable: Boolean(health.store) }).render();
  } catch (err) {
    showError(result, err);
  } finally {
    button.disabled = false;
  }
});
