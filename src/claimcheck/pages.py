"""The text of the pages a report shows, read again for the HTML report's page view.

A report carries claims, not pages: the cache keeps each file without its
answers' text (most of an entry's size). The HTML report shows whole answers
with their claims highlighted, so it reads the files once more. A file that
cannot be read now, or that changed since its claims were read, costs only
its page view: the report shows that page's claimed sentences instead
(``report.html`` checks every claim's sentence against the text).
"""

from __future__ import annotations

from .errors import LoadError
from .models import Document, Report


def read_pages(report: Report, input_format: str | None = None) -> dict[str, Document]:
    """Path -> the document as parsed now, for every document of ``report`` that can be read."""
    from .loading import load_document

    pages = {}
    for summary in report.documents:
        try:
            pages[summary.path] = load_document(summary.path, input_format=input_format,
                                                display_path=summary.path)
        except (LoadError, OSError):
            continue
    return pages
