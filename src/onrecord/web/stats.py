"""Who gets quoted, on the web: ``/api/stats`` (JSON or CSV), the ``/stats`` page with its
charts as inline SVG (drawn here, nothing loaded from elsewhere), and ``/stats/speakers``, the
corpus speakers with their type, gender and name variants, faceted by type and gender."""

from __future__ import annotations

from html import escape
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from onrecord.kinds import QuoteKind, SpeechAct
from onrecord.settings import int_default
from onrecord.store import Breakdown, Statistics, StatsFilters
from onrecord.web.errors import ErrorResponse
from onrecord.web.queries import _date, opened_store

router = APIRouter()

MAX_PAGE = int_default("max_page_size")
_ERRORS: dict[int | str, dict[str, Any]] = {422: {"model": ErrorResponse, "description": "A parameter is not valid."},
           503: {"model": ErrorResponse, "description": "The server has no quotation store, or cannot read it."}}

Since = Annotated[str | None, Query(description="Earliest publication date, YYYY-MM-DD.")]
Until = Annotated[str | None, Query(description="Latest publication date, YYYY-MM-DD.")]
Outlet = Annotated[str | None, Query(max_length=200, description="The outlet, exactly (any case).")]
Kind = Annotated[QuoteKind | None, Query(description="Only quotes of this kind.")]
Act = Annotated[SpeechAct | None, Query(description="Only quotes of this act.")]
MinConfidence = Annotated[float | None, Query(ge=0.0, le=1.0, description="Only quotes at least this confident.")]
Top = Annotated[int, Query(ge=0, le=MAX_PAGE, description="How many most quoted women and men.")]


def _filters(since: str | None, until: str | None, outlet: str | None, kind: QuoteKind | None, act: SpeechAct | None,
             min_confidence: float | None) -> StatsFilters:
    return StatsFilters(_date(since, "since"), _date(until, "until"), outlet or None,
                        kind.value if kind else None, act.value if act else None, min_confidence)


@router.get("/api/stats", tags=["statistics"],
            summary="How much the store holds, and who gets quoted: by gender, type, outlet and month",
            response_model=None, responses=_ERRORS)
def api_stats(request: Request, since: Since = None, until: Until = None, outlet: Outlet = None, kind: Kind = None,
              act: Act = None, min_confidence: MinConfidence = None, top: Top = 10,
              format: Annotated[str, Query(pattern="^(json|csv)$", description="json or csv.")] = "json") -> Response:
    with opened_store(request) as store:
        result = store.statistics(_filters(since, until, outlet, kind, act, min_confidence), top=top)
        held = store.stats()
    if format == "csv":
        return Response(result.to_csv(), media_type="text/csv; charset=utf-8")
    return JSONResponse({**held.to_dict(), **result.to_dict()})


# --- the page --------------------------------------------------------------------------

_HEAD = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · onrecord</title><link rel="stylesheet" href="/static/style.css"><link rel="icon" href="data:,"></head>
<body><header class="site"><a class="brand" href="/">on<span>record</span></a><nav><a href="/">Paste an article</a>
<a href="/search">Search quotes</a><a href="/stats">Who is quoted</a><a href="/stats/speakers">Speakers</a></nav>
<span class="tagline">who said what, with the evidence</span></header><main>"""
_TAIL = "</main></body></html>"
WOMEN, MEN, UNKNOWN = "#b5367a", "#2f6db5", "#9aa3ad"


def _bars(rows: list[tuple[str, int, int, int]], *, width: int = 640) -> str:
    """Horizontal stacked bars, one per (label, women, men, no gender shown) of persons."""
    if not rows:
        return "<p>No quoted persons.</p>"
    biggest = max(w + m + u for _, w, m, u in rows) or 1
    bar, left, height = width - 260, 180, 22
    parts = [f'<svg role="img" aria-label="quoted persons by gender" width="{width}" height="{height * len(rows) + 24}" '
             f'viewBox="0 0 {width} {height * len(rows) + 24}" xmlns="http://www.w3.org/2000/svg">']
    for i, (label, women, men, unknown) in enumerate(rows):
        y, x = i * height, float(left)
        parts.append(f'<text x="{left - 6}" y="{y + 15}" text-anchor="end" font-size="12">{escape(label[:28])}</text>')
        for count, colour, what in ((women, WOMEN, "women"), (men, MEN, "men"), (unknown, UNKNOWN, "no gender shown")):
            w = bar * count / biggest
            if w > 0:
                parts.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{height - 6}" fill="{colour}">'
                             f'<title>{escape(label)}: {count} {what}</title></rect>')
            x += w
        share = f"{women / (women + men + unknown):.0%} women" if women + men + unknown else ""
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}" font-size="12">{share}</text>')
    legend_y = height * len(rows) + 16
    for n, (colour, what) in enumerate(((WOMEN, "women"), (MEN, "men"), (UNKNOWN, "no gender shown"))):
        parts.append(f'<rect x="{left + n * 120}" y="{legend_y - 10}" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{left + n * 120 + 14}" y="{legend_y}" font-size="12">{what}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _line(rows: tuple[Breakdown, ...], *, width: int = 640, height: int = 180) -> str:
    """The share of women among persons quoted, month by month (undated articles left out)."""
    points = [(b.key, b.share_women) for b in rows if b.key is not None and b.share_women is not None]
    if len(points) < 2:
        return "<p>Too few dated months for a timeline.</p>"
    step = (width - 60) / (len(points) - 1)
    xy = [(40 + i * step, height - 20 - (height - 40) * share) for i, (_, share) in enumerate(points)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
    parts = [f'<svg role="img" aria-label="share of women over time" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
             f'<line x1="40" y1="{height - 20}" x2="{width - 20}" y2="{height - 20}" stroke="#d9dde2"/>',
             f'<text x="36" y="{height - 20}" text-anchor="end" font-size="11">0%</text>',
             '<text x="36" y="24" text-anchor="end" font-size="11">100%</text>',
             f'<polyline points="{path}" fill="none" stroke="{WOMEN}" stroke-width="2"/>']
    for (x, y), (month, share) in zip(xy, points):
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{WOMEN}"><title>{month}: {share:.0%} women</title></circle>')
    parts.append(f'<text x="40" y="{height - 4}" font-size="11">{points[0][0]}</text>'
                 f'<text x="{width - 20}" y="{height - 4}" text-anchor="end" font-size="11">{points[-1][0]}</text></svg>')
    return "".join(parts)


def _persons(b: Breakdown) -> tuple[str, int, int, int]:
    return (b.key or "(none)", b.women, b.men, b.persons - b.women - b.men)


def _table(title: str, rows: tuple[Breakdown, ...], none: str) -> str:
    body = "".join(
        f"<tr><td>{escape(b.key or none)}</td><td>{b.quotes}</td><td>{b.sources}</td><td>{b.speakers}</td><td>{b.persons}</td>"
        f"<td>{b.women}</td><td>{b.men}</td><td>{'' if b.share_women is None else f'{b.share_women:.1%}'}</td></tr>"
        for b in rows
    )
    return (f"<h2>{escape(title)}</h2><table><thead><tr><th></th><th>quotes</th><th>sources</th><th>named speakers</th><th>persons</th>"
            f"<th>women</th><th>men</th><th>share of women</th></tr></thead><tbody>{body}</tbody></table>")


def _form(filters: StatsFilters) -> str:
    """The filters as a plain GET form (no script needed)."""
    def text(name: str, label: str, value: object, kind: str = "text", extra: str = "") -> str:
        shown = "" if value is None else escape(str(value))
        return f'<label>{label} <input type="{kind}" name="{name}" value="{shown}"{extra}></label> '

    def choice(name: str, label: str, options: list[str], value: str | None) -> str:
        items = "".join(f'<option value="{o}"{" selected" if o == value else ""}>{o or "any"}</option>' for o in ["", *options])
        return f'<label>{label} <select name="{name}">{items}</select></label> '

    return ('<form method="get" action="/stats" class="filters">'
            + text("since", "from", filters.since, "date") + text("until", "until", filters.until, "date")
            + text("outlet", "outlet", filters.outlet)
            + choice("kind", "kind", [k.value for k in QuoteKind], filters.kind)
            + choice("act", "act", [a.value for a in SpeechAct], filters.act)
            + text("min_confidence", "min. confidence", filters.min_confidence, "number", ' min="0" max="1" step="0.05"')
            + '<button type="submit">Show</button></form>')


def render_page(result: Statistics, query: str) -> str:
    t = result.total
    undated = f"<p>{result.undated_quotes} quotes are in undated articles.</p>" if result.undated_quotes else ""
    tops = "".join(
        f"<h2>{title}</h2><ol>" + "".join(
            f'<li><a href="/speakers/{s.id}">{escape(s.name)}</a> — {s.quotes} quotes, {s.articles} articles</li>'
            for s in speakers) + "</ol>"
        for title, speakers in (("Most quoted women", result.top_women), ("Most quoted men", result.top_men))
    )
    share = "—" if t.share_women is None else f"{t.share_women:.1%}"
    gendered = "—" if t.share_women_gendered is None else f"{t.share_women_gendered:.1%}"
    return (
        _HEAD.format(title="Who is quoted")
        + f"<h1>Who is quoted</h1><p>{t.quotes} quotes from {t.sources} sources; {t.persons} persons quoted, "
        f"{t.women} women and {t.men} men by what the text shows. Share of women: <strong>{share}</strong> of persons "
        f"quoted ({gendered} of those whose gender is shown).</p>{undated}" + _form(result.filters)
        + f'<p><a href="/api/stats?{escape(query)}">JSON</a> · <a href="/api/stats?{escape(query + ("&" if query else "") + "format=csv")}">CSV</a></p>'
        + "<h2>Share of women over time</h2>" + _line(result.by_month)
        + "<h2>Persons quoted by outlet</h2>" + _bars([_persons(b) for b in result.by_outlet[:20]])
        + tops
        + _table("By gender", result.by_gender, "unknown") + _table("By type", result.by_type, "none")
        + _table("By outlet", result.by_outlet, "(no outlet)") + _table("By month", result.by_month, "undated")
        + _TAIL
    )


# The page's form sends every field, empty ones as "": an empty field is no filter.
FormKind = Annotated[str | None, Query(pattern=f"^({'|'.join(k.value for k in QuoteKind)})?$")]
FormAct = Annotated[str | None, Query(pattern=f"^({'|'.join(a.value for a in SpeechAct)})?$")]
FormConfidence = Annotated[str | None, Query(pattern=r"^(0(\.\d+)?|1(\.0+)?|\.\d+)?$")]


@router.get("/stats", include_in_schema=False)
def stats_page(request: Request, since: Since = None, until: Until = None, outlet: Outlet = None, kind: FormKind = None,
               act: FormAct = None, min_confidence: FormConfidence = None, top: Top = 10) -> HTMLResponse:
    filters = _filters(since, until, outlet, QuoteKind(kind) if kind else None, SpeechAct(act) if act else None,
                       float(min_confidence) if min_confidence else None)
    with opened_store(request) as store:
        result = store.statistics(filters, top=top)
    query = urlencode({k: v for k, v in request.query_params.items() if k != "format"})
    return HTMLResponse(render_page(result, query))


@router.get("/stats/speakers", include_in_schema=False)
def speakers_index(request: Request, since: Since = None, until: Until = None,
                   type: Annotated[str | None, Query(pattern="^(person|organisation|account)$")] = None,
                   gender: Annotated[str | None, Query(pattern="^(m|f)$")] = None,
                   limit: Annotated[int, Query(ge=1, le=500)] = 100) -> HTMLResponse:
    with opened_store(request) as store:
        speakers = store.speakers(since=_date(since, "since"), until=_date(until, "until"), limit=limit, type=type, gender=gender)
    facets = " · ".join(
        f'<a href="/stats/speakers?{urlencode(q)}">{label}</a>'
        for label, q in (("all", {}), ("persons", {"type": "person"}), ("women", {"type": "person", "gender": "f"}),
                         ("men", {"type": "person", "gender": "m"}), ("organisations", {"type": "organisation"}),
                         ("accounts", {"type": "account"}))
    )
    rows = "".join(
        f'<tr><td><a href="/speakers/{s.id}">{escape(s.name)}</a></td><td>{s.type}</td><td>{s.gender or ""}</td>'
        f"<td>{s.quotes}</td><td>{s.articles}</td><td>{escape(', '.join(f'{v.name} ({v.quotes})' for v in s.variants))}</td></tr>"
        for s in speakers
    )
    return HTMLResponse(
        _HEAD.format(title="Speakers") + f"<h1>Speakers</h1><p>{facets}</p><table><thead><tr><th>speaker</th><th>type</th>"
        f"<th>gender</th><th>quotes</th><th>articles</th><th>names in the articles (quotes)</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>" + _TAIL
    )
