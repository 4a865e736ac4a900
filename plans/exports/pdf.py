"""PDF documents HR hands out: the org chart, the KPI sheets and the role specs, drawn by WeasyPrint.

Each document is a Django template under ``templates/plans/pdf/`` (the same texts as the pages) with the
app's colours (``common.palette``, declared in ``app.css``) and ``static/css/pdf.css``, which is read from
the project's static files through ``StaticFetcher``: a document never reaches the network, and a
stylesheet that is missing stops the build.
Fonts come from fontconfig (``fonts-noto-cjk``); WeasyPrint embeds a subset and keeps the text extractable.
"""
import mimetypes
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from common.palette import colours

from .. import orgchart
from .approval import approval_text
from .candidate import role_specs, spec_labels
from .labels import label
from .review import review_context

STATIC_BASE = (Path(settings.BASE_DIR) / "static").as_uri() + "/"


class StaticFetcher(URLFetcher):
    """Serves ``data:`` URLs and the project's static files (relative URLs resolve under ``STATIC_BASE``)."""

    def __init__(self):
        super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=True)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if not url.startswith(STATIC_BASE):
            raise ValueError(f"Not a static file: {url}")
        try:
            path = finders.find(unquote(url[len(STATIC_BASE):].split("?")[0]))
        except SuspiciousFileOperation:
            path = None  # "../" out of the static directories
        if path is None:
            raise ValueError(f"No such static file: {url}")
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, Path(path).read_bytes(), {"Content-Type": content_type})


def render_pdf(template, context) -> bytes:
    """A print template rendered in the active language and drawn as PDF."""
    context = {"exported": f"{timezone.localdate():%Y-%m-%d}", "palette": colours(),
               "approval": approval_text(context.get("plan")), **context}
    html = render_to_string(template, context)
    return HTML(string=html, base_url=STATIC_BASE, url_fetcher=StaticFetcher()).write_pdf()


def org_chart_pdf(plan) -> bytes:
    """The chart on one A4 landscape page, scaled to the page's width whatever the team's size."""
    svg = orgchart.render_svg(orgchart.plan_chart(plan))
    return render_pdf("plans/pdf/org_chart.html", {"plan": plan, "svg": svg, "title": label("org_chart")})


def kpi_sheets_pdf(plan) -> bytes:
    """One review sheet per staffed role, each starting on a page of its own."""
    return render_pdf("plans/pdf/kpi_sheets.html", {"plan": plan, "title": label("kpi_sheets"),
                                                    **review_context(plan)})


def role_specs_pdf(plan) -> bytes:
    """The candidate copy of every staffed role, one role per page."""
    return render_pdf("plans/pdf/role_specs.html", {"plan": plan, "roles": role_specs(plan),
                                                    "labels": spec_labels(), "title": label("role_specs")})
