"""`claimtrack serve`: the knowledge base in a browser, through Datasette (extra `web`).

Datasette gets metadata made here: readable titles, facets on claimant, kind, force and outlet, two
canned queries (who said how many troops when; one claimant's figures over time) that show each
claim's quote and link to its source text. Datasette opens SQLite files read-only unless a plugin
asks to write; claimtrack asks for nothing more.
"""

from __future__ import annotations

LINK_COLUMN = "source text"  # rendered as a link to the source by datasette_plugins/claimtrack_links.py
FIGURE_SQL = """CASE c.qualifier WHEN 'approx' THEN '≈' WHEN 'more_than' THEN '>' WHEN 'at_least' THEN '≥'
       WHEN 'up_to' THEN '≤' WHEN 'at_most' THEN '≤' ELSE '' END
  || CASE WHEN c.value IS NULL THEN replace(coalesce(c.magnitude, ''), '_', ' ')
          ELSE printf('%,d', c.value) || CASE WHEN c.value_max IS NULL THEN '' ELSE '–' || printf('%,d', c.value_max) END
     END"""

WHO_SAID = f"""SELECT coalesce(a.name, '(unattributed)') AS claimant,
  {FIGURE_SQL} AS figure,
  c.force,
  min(coalesce(c.date_from, c.date_to, s.published)) AS "first stated",
  max(coalesce(c.date_to, c.date_from, s.published)) AS "last stated",
  count(*) AS claims,
  count(DISTINCT c.source_id) AS sources,
  min(c.quote) AS quote,
  min(c.source_id) AS "source text"
FROM claim c
JOIN source s ON s.id = c.source_id
LEFT JOIN actor a ON a.id = c.claimant_id
WHERE c.kind = 'troop_count' AND c.status = 'current' AND NOT c.projection
GROUP BY claimant, figure, c.force
ORDER BY "first stated" IS NULL, "first stated", claimant"""

CLAIMANT_OVER_TIME = f"""SELECT coalesce(c.date_from, c.date_to, s.published) AS stated,
  {FIGURE_SQL} AS figure,
  c.force, c.location, c.status, c.quote, c.source_id AS "source text"
FROM claim c
JOIN source s ON s.id = c.source_id
JOIN actor a ON a.id = c.claimant_id
WHERE c.kind = 'troop_count'
  AND (a.name = :claimant OR a.id IN (SELECT actor_id FROM alias WHERE name = :claimant))
ORDER BY stated IS NULL, stated, c.id"""


def metadata(database: str) -> dict:
    """Datasette metadata for the database named `database` (its file name without .db)."""
    return {
        "title": "claimtrack: who claimed how many troops, when",
        "description": "Claims extracted from news articles: each with its quote and a link to its source text.",
        "databases": {database: {
            "tables": {
                "claims_view": {
                    "title": "Claims",
                    "description": "Every claim, with names instead of ids. The quote is the evidence.",
                    "facets": ["claimant", "kind", "force", "outlet"],
                    "sort": "date_from",
                },
                "actors_view": {"title": "Actors", "description": "Claimants and relays with their aliases.",
                                "sort_desc": "claims"},
                "source": {"title": "Sources", "label_column": "file_name",
                           "description": "The stored articles: the text every quote and offset refers to."},
                "claim": {"hidden": True}, "actor": {"hidden": True}, "alias": {"hidden": True},
                "alembic_version": {"hidden": True}, "who_figure": {"hidden": True}, "summary_mark": {"hidden": True},
                "compare_row": {"hidden": True},
            },
            "queries": {
                "who_said_how_many_troops_when": {
                    "title": "Who said how many troops when",
                    "description": "One row per claimant and figure (current troop strength), first and last "
                                   "date it was stated, how often, in how many sources.",
                    "sql": WHO_SAID,
                    "hide_sql": True,
                },
                "figures_of_one_claimant_over_time": {
                    "title": "Figures of one claimant over time",
                    "description": "Every troop figure the claimant (canonical name or alias) gave, in time order.",
                    "sql": CLAIMANT_OVER_TIME,
                    "hide_sql": True,
                },
            },
        }},
    }
