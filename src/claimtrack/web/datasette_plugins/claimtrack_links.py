"""A Datasette plugin (loaded by `claimtrack serve` only): a `source text` cell links to its source."""

from __future__ import annotations

from datasette import hookimpl
from markupsafe import Markup, escape


@hookimpl
def render_cell(value, column, database, datasette):
    if column != "source text" or value is None:
        return None
    path = datasette.urls.row(database, "source", str(value))
    return Markup(f'<a href="{escape(path)}">source {escape(value)}</a>')
