"""The pages of ``onrecord serve`` in real headless Chromium (Debian's ``chromium``).

A person pastes the bundled sample article, reads the highlights and speaker names,
hovers a quote, searches the store, opens a speaker and a quotation.  The screenshots
saved here are the ones docs/web.md shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from onrecord.stages.read import ArticleSource
from test_web_api import ARTICLES, SAMPLE, TOKEN, Server, build_store, running_server

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed at /usr/bin/chromium (apt-get install chromium)")]

sync_api = pytest.importorskip("playwright.sync_api")


# An article whose stored URL would run script if it became a link.
TRAP = ArticleSource(
    id="trap-2026-04-01",
    text='"The harbour will stay open all night," Ruth Okafor said.',
    date="2026-04-01",
    url="javascript:alert(document.cookie)",
    title="Harbour hours",
    outlet="Bay Courier",
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    store = build_store(tmp_path_factory.mktemp("web-browser") / "quotes.db", (*ARTICLES, TRAP))
    with running_server("--db", str(store)) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """One browser tab on the test server, recording what a person would not see go wrong."""

    def __init__(self, browser: object, server: Server) -> None:
        self.base = server.base
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        self.page.on("request", lambda req: req.url.startswith((self.base, "data:")) or self.foreign.append(req.url))

    def open(self, path: str) -> object:
        self.page.goto(self.base + path)
        return self.page

    def screenshot(self, name: str, *, full_page: bool = True) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / name), full_page=full_page)


@pytest.fixture
def visit(browser: object, server: Server) -> Iterator[Visit]:
    tab = Visit(browser, server)
    yield tab
    tab.page.close()


@pytest.fixture
def pasted(visit: Visit) -> Visit:
    """The paste page after the bundled sample article was pasted and read."""
    page = visit.open("/")
    page.fill("#text", SAMPLE.read_text("utf-8"))
    page.click("#run")
    page.wait_for_selector("mark.quote", timeout=60_000)
    return visit


def _colour(page: object, selector: str) -> str:
    return page.eval_on_selector(selector, "node => getComputedStyle(node).borderBottomColor")


def test_pasted_sample_highlights_every_quote(pasted: Visit) -> None:
    page = pasted.page
    quotes = page.eval_on_selector_all(".article-text mark.quote", "marks => [...new Set(marks.map(m => m.dataset.q))].length")
    listed = page.locator("[data-testid=quote-list] li").count()
    assert quotes == listed >= 5
    summary = page.text_content("[data-testid=article-summary]")
    assert f"{listed} quotes" in summary and "14 Mar 2026" in summary
    pasted.screenshot("paste.png")


def test_pasted_sample_names_its_speakers(pasted: Visit) -> None:
    names = pasted.page.locator("[data-testid=speakers] .speaker-name").all_text_contents()
    assert "Tomas Reyes" in names
    assert any(name.endswith("Marsh") for name in names)


def test_each_speaker_has_a_colour_of_their_own(pasted: Visit) -> None:
    page = pasted.page
    marsh = _colour(page, 'mark.quote:text("We are not going to let")')
    reyes = _colour(page, 'mark.quote:text("Riders are paying more")')
    assert marsh != reyes
    assert _colour(page, 'mark.quote:text("The money is there")') == marsh  # her second sentence


def test_cues_are_marked(pasted: Visit) -> None:
    cues = pasted.page.locator(".article-text .cue").all_text_contents()
    assert "said" in cues


def test_each_mention_links_to_its_speaker(pasted: Visit) -> None:
    page = pasted.page
    mentions = page.locator(".article-text a.mention")
    assert mentions.count() >= 2
    for i in range(mentions.count()):
        mention = mentions.nth(i)
        target = mention.get_attribute("href")
        assert re.fullmatch(r"#speaker-\d+", target)
        assert page.locator(f"{target} .speaker-name").text_content().strip("\u201c\u201d") == mention.get_attribute("data-speaker")


def test_hovering_a_quote_shows_speaker_channel_time_and_evidence(pasted: Visit) -> None:
    page = pasted.page
    quote = page.locator('mark.quote:text("Riders are paying more")')
    quote.evaluate("node => node.scrollIntoView({block: 'center'})")
    quote.hover()
    tip = page.locator("#tip")
    tip.wait_for(state="visible")
    text = tip.text_content()
    assert "Tomas Reyes" in text
    for label in ("Cue", "Channel", "Time", "Evidence"):
        assert label in text
    assert tip.locator("ol li").count() >= 2  # the evidence trail, one decision per line
    pasted.screenshot("article-hover.png", full_page=False)


def test_choosing_a_speaker_dims_the_others(pasted: Visit) -> None:
    page = pasted.page
    page.click('[data-testid=speakers] button:has-text("Tomas Reyes")')
    lit = page.locator(".article-text.dimmed mark.quote.lit").all_text_contents()
    assert lit and all("Marsh" not in text for text in lit)
    assert any(text.startswith("Riders are paying more") for text in lit)


RENDER = """async (article) => {
    const { ArticleView } = await import("/static/article-view.js");
    const holder = document.createElement("div");
    holder.id = "rendered";
    document.body.append(holder);
    new ArticleView(holder, article).render();
    return [...holder.querySelectorAll(".article-text mark.quote")].map((m) => [m.dataset.q, m.textContent]);
}"""


def test_article_view_renders_quotes_without_the_optional_fields(visit: Visit) -> None:
    text = '"We will rebuild," she said.'
    minimal = {
        "id": None, "date": None, "text": text, "entities": [], "skipped": [],
        "quotes": [{"kind": "direct", "text": "We will rebuild,", "start": 1, "end": 17, "confidence": 0.5,
                    "cue": {"text": "said", "start": 23, "end": 27}, "speaker": {"text": "she", "start": 19, "end": 22}}],
    }
    marks = visit.open("/").evaluate(RENDER, minimal)
    assert marks == [["0", "We will rebuild,"]]
    assert visit.page.locator("#rendered .speaker-name").text_content() == "\u201cshe\u201d"  # a pronoun, not a name
    assert visit.errors == []


def test_a_quote_inside_reported_speech_stays_reachable(visit: Visit) -> None:
    text = 'Reyes said the plan was "a bill, not a plan" and would fail.'
    outer = {"kind": "indirect", "text": text[11:59], "start": 11, "end": 59, "confidence": 0.6, "cue": None, "speaker": None}
    inner = {"kind": "direct", "text": "a bill, not a plan", "start": 25, "end": 43, "confidence": 0.9, "cue": None, "speaker": None}
    marks = visit.open("/").evaluate(RENDER, {"id": None, "date": None, "text": text, "entities": [], "skipped": [], "quotes": [outer, inner]})
    assert ["1", "a bill, not a plan"] in marks
    assert {q for q, _ in marks} == {"0", "1"}


def test_pages_load_nothing_from_elsewhere_and_raise_no_errors(pasted: Visit) -> None:
    for path in ("/search?q=ferry", "/speakers/Elena%20Marsh", "/quotations/1"):
        pasted.open(path).wait_for_load_state("networkidle")
    assert pasted.foreign == []
    assert pasted.errors == []


def test_search_finds_quotes_by_their_words(visit: Visit) -> None:
    page = visit.open("/search")
    page.fill("#q", "lifeline")
    page.click("#run")
    page.wait_for_selector("[data-testid=results] li")
    results = page.locator("[data-testid=results] li")
    assert results.count() == 1
    assert "The ferry is a lifeline" in results.first.text_content()
    assert "q=lifeline" in page.url  # the search can be shared as a link


def test_search_marks_the_words_it_found_and_says_its_order(visit: Visit) -> None:
    page = visit.open("/search?q=%22the+ferry%22+lifeline")
    page.wait_for_selector("[data-testid=results] li")
    marked = page.locator("[data-testid=results] li").first.locator("mark.hit").all_text_contents()
    assert [m.lower() for m in marked] == ["the ferry", "lifeline"]  # a phrase is marked whole
    assert page.text_content("[data-testid=result-order]").startswith("newest first")


def test_search_filters_by_speaker_and_period(visit: Visit) -> None:
    page = visit.open("/search?speaker=Elena+Marsh&since=2026-03-01&until=2026-03-31")
    page.wait_for_selector("[data-testid=result-count]")
    assert page.input_value("#speaker") == "Elena Marsh"
    assert page.text_content("[data-testid=result-count]").endswith("of 2 quotations")
    page.goto(visit.base + "/search")
    page.wait_for_selector("[data-testid=results] li")
    visit.screenshot("search.png")


def test_search_with_no_match_says_so(visit: Visit) -> None:
    page = visit.open("/search?q=zeppelin")
    assert "No quotation matches" in page.locator("[data-testid=no-results]").text_content()


def test_speaker_page_charts_quotes_per_month(visit: Visit) -> None:
    page = visit.open("/speakers/Elena%20Marsh")
    page.wait_for_selector("svg.timeline")
    assert page.text_content("[data-testid=speaker-name]") == "Elena Marsh"
    bars = page.locator("svg.timeline rect.bar")
    assert [bars.nth(i).get_attribute("data-month") for i in range(bars.count())] == ["2026-01", "2026-02", "2026-03"]
    heights = [float(bars.nth(i).get_attribute("height")) for i in range(3)]
    assert heights[0] < heights[1] == heights[2]  # one quote in January, two in February and March
    visit.screenshot("speaker.png")


def test_speaker_page_says_the_corpus_speakers_type(visit: Visit) -> None:
    page = visit.open("/speakers/Elena%20Marsh")
    page.wait_for_selector("[data-testid=speaker-identity]")
    assert page.text_content("[data-testid=speaker-identity]").startswith("person")


def test_quotation_page_lists_appearances_earliest_first(visit: Visit) -> None:
    page = visit.open("/search?q=raise+fares+winter")
    page.click("text=2 occurrences")
    page.wait_for_selector("[data-testid=occurrences] tbody tr")
    rows = page.locator("[data-testid=occurrences] tbody tr")
    assert rows.count() == 2
    assert rows.nth(0).text_content().startswith("12 Jan 2026earliest")
    assert "Coastline Daily" in rows.nth(1).text_content()
    visit.screenshot("quotation.png")


def test_stored_article_opens_with_its_highlights(visit: Visit) -> None:
    page = visit.open("/sources/gazette-2026-03-20")  # by the id it was ingested with: redirected to its store id
    page.wait_for_selector("mark.quote")
    assert page.locator(".article-text mark.quote").count() >= 2
    assert "Tomas Reyes" in page.locator("[data-testid=speakers]").text_content()


def test_stored_article_shows_its_title_outlet_and_link(visit: Visit) -> None:
    page = visit.open("/sources/gazette-2026-01-12")
    page.wait_for_selector("mark.quote")
    assert page.text_content("h1") == "Council delays vote on ferry fares"
    summary = page.text_content("[data-testid=article-summary]")
    assert "Harbor Gazette" in summary and "gazette-2026-01-12" not in page.text_content("main")
    assert page.get_attribute("text=original", "href") == "https://gazette.example/ferry-fares"


def test_a_javascript_url_never_becomes_a_link(visit: Visit) -> None:
    page = visit.open("/sources/trap-2026-04-01")
    page.wait_for_selector("mark.quote")
    assert page.text_content("h1") == "Harbour hours"
    assert page.locator("a[href^='javascript:']").count() == 0
    page.goto(visit.base + "/search?q=harbour")
    page.wait_for_selector("[data-testid=results] li")
    page.click("text=1 occurrence")
    page.wait_for_selector("[data-testid=occurrences] tbody tr")
    assert page.locator("a[href^='javascript:']").count() == 0
    assert visit.errors == []


def test_a_quotations_link_opens_the_article_at_the_quote(visit: Visit) -> None:
    page = visit.open("/search?q=lifeline")
    page.click("text=2 occurrences")
    page.wait_for_selector("[data-testid=occurrences] tbody tr")
    page.locator("[data-testid=occurrences] tbody tr").nth(1).locator("td:nth-child(3) a").first.click()
    target = page.wait_for_selector("mark.quote.target")
    assert "#at-" in page.url
    assert target.text_content().startswith("The ferry is a lifeline")
    assert page.evaluate("() => { const r = document.querySelector('mark.quote.target').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")


def test_the_quote_list_shows_only_the_chosen_speakers_quotes(pasted: Visit) -> None:
    page = pasted.page
    page.click('[data-testid=speakers] button:has-text("Tomas Reyes")')
    shown = page.locator("[data-testid=quote-list] li:visible")
    assert shown.count() >= 1
    assert all("Tomas Reyes" in shown.nth(i).text_content() or "Reyes" in shown.nth(i).text_content() for i in range(shown.count()))
    assert shown.count() < page.locator("[data-testid=quote-list] li").count()
    page.click('[data-testid=speakers] button:has-text("Tomas Reyes")')
    assert page.locator("[data-testid=quote-list] li:visible").count() == page.locator("[data-testid=quote-list] li").count()


def test_the_speakers_page_lists_them_without_a_script_error(visit: Visit) -> None:
    page = visit.open("/speakers")
    assert page.url.endswith("/stats/speakers")
    assert "Elena Marsh" in page.text_content("table")
    page.click("text=Elena Marsh")
    page.wait_for_selector("[data-testid=speaker-name]")
    assert visit.errors == []


def test_a_broken_address_shows_a_message_not_a_blank_page(visit: Visit) -> None:
    visit.open("/speakers/%E0%A4%A")
    assert "broken percent-escape" in visit.page.text_content(".error-box")
    assert [e for e in visit.errors if not e.startswith("Failed to load resource")] == []  # the 400 itself, no script error


def test_an_unknown_page_is_a_page(visit: Visit) -> None:
    visit.open("/nowhere")
    assert "there is no page at /nowhere" in visit.page.text_content(".error-box")


def test_missing_speaker_shows_the_servers_message(visit: Visit) -> None:
    page = visit.open("/speakers/Nobody%20Anyone")
    assert "no speaker 'Nobody Anyone'" in page.locator(".error-box").text_content()


def test_a_guarded_server_opens_to_a_person_who_has_the_token(browser: object, tmp_path: Path) -> None:
    with running_server("--db", str(build_store(tmp_path / "quotes.db")), token=TOKEN) as guarded:
        tab = Visit(browser, guarded)
        try:
            page = tab.open("/search")
            assert "needs an access token" in page.text_content("body")
            page.fill("input[name=token]", TOKEN)
            page.click("button[type=submit]")
            page.wait_for_selector("[data-testid=results] li")  # the page's own API calls carry the cookie
            assert page.url == guarded.base + "/search"
        finally:
            tab.page.close()
