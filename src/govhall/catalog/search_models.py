"""The catalogue search index: one row per published service item (see ``govhall.catalog.search``).

The row carries the segmented text (space-joined rjieba tokens per field), the raw text the
snippets are cut from, and the filter columns, so a search page needs no join to the catalogue.

The full-text structures over it are created by migration ``0002_search_index`` for the database
in use and are not Django fields:

* SQLite: the FTS5 tables ``catalog_search_fts`` (all fields) and ``catalog_search_name_fts``
  (name only), both with this table as external content, kept in sync by triggers on
  insert/update/delete. A later migration that makes Django *remake* this table on
  SQLite drops those triggers: recreate them in that migration (``SQLITE_FORWARD`` in 0002) and
  run ``govhall catalog_reindex``.
* PostgreSQL: the generated columns ``search_vector`` (``tsvector('simple')`` of all fields, name
  weighted A) and ``name_vector`` (name only), each with a GIN index.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """The indexed form of an item's published version. Written only by ``catalog.search``.

    Column order matters on SQLite: the short columns read for every candidate row (filters and
    name tokens) come before the long text, so ranking never touches overflow pages.
    """

    service_item = models.OneToOneField("catalog.ServiceItem", on_delete=models.CASCADE, related_name="search_entry")
    version = models.ForeignKey("catalog.ServiceItemVersion", on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey("accounts.Department", on_delete=models.CASCADE, related_name="+")
    region_code = models.CharField(max_length=12, db_index=True)
    service_object = models.CharField(max_length=16)
    item_type = models.CharField(max_length=32)
    handling_type = models.CharField(max_length=16)
    online_depth = models.PositiveSmallIntegerField(default=1)
    themes = models.CharField(max_length=1000, blank=True, help_text="theme slugs, space-separated and space-padded")
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=200)

    # Segmented text: lower-cased rjieba tokens joined (and padded) by single spaces.
    name_tokens = models.TextField()
    keyword_tokens = models.TextField(blank=True)
    material_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)

    # Raw text for snippets.
    keywords = models.CharField(max_length=500, blank=True)
    summary = models.TextField(blank=True)
    conditions = models.TextField(blank=True)
    material_names = models.TextField(blank=True, help_text="material names joined by '、'")

    indexed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("搜索索引条目")
        verbose_name_plural = _("搜索索引条目")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class SearchIndexState(models.Model):
    """One row (id 1): a token that every index write replaces, in the writing transaction.

    Searches read it to know whether a cached result page still describes the index.
    """

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("搜索索引状态")
        verbose_name_plural = _("搜索索引状态")

    def __str__(self) -> str:
        return self.token
