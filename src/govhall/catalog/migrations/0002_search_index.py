"""The catalogue search index (govhall.catalog.search): the SearchEntry table, its generation
token, and per database the full-text structures over it.

SQLite: two FTS5 tables with SearchEntry as external content — all fields, and the name alone —
kept in step by triggers (so any write to SearchEntry, in any transaction, updates both). Prefix
indexes of 1 and 2 characters serve the last-term prefix match and the typo fallback.
PostgreSQL: generated tsvector columns — all fields (name A, keywords B, materials C, text D) and
the name alone — each with a GIN index.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


FTS_COLUMNS = "name_tokens, keyword_tokens, material_tokens, body_tokens"
SQLITE_FORWARD = [
    f"""
CREATE VIRTUAL TABLE catalog_search_fts USING fts5(
    {FTS_COLUMNS},
    content='catalog_searchentry', content_rowid='id',
    tokenize='unicode61 remove_diacritics 0', prefix='1 2'
)
""",
    """
CREATE VIRTUAL TABLE catalog_search_name_fts USING fts5(
    name_tokens,
    content='catalog_searchentry', content_rowid='id',
    tokenize='unicode61 remove_diacritics 0', prefix='1 2'
)
""",
    f"""
CREATE TRIGGER catalog_searchentry_fts_insert AFTER INSERT ON catalog_searchentry BEGIN
    INSERT INTO catalog_search_fts(rowid, {FTS_COLUMNS})
    VALUES (new.id, new.name_tokens, new.keyword_tokens, new.material_tokens, new.body_tokens);
    INSERT INTO catalog_search_name_fts(rowid, name_tokens) VALUES (new.id, new.name_tokens);
END
""",
    f"""
CREATE TRIGGER catalog_searchentry_fts_delete AFTER DELETE ON catalog_searchentry BEGIN
    INSERT INTO catalog_search_fts(catalog_search_fts, rowid, {FTS_COLUMNS})
    VALUES ('delete', old.id, old.name_tokens, old.keyword_tokens, old.material_tokens, old.body_tokens);
    INSERT INTO catalog_search_name_fts(catalog_search_name_fts, rowid, name_tokens)
    VALUES ('delete', old.id, old.name_tokens);
END
""",
    f"""
CREATE TRIGGER catalog_searchentry_fts_update AFTER UPDATE ON catalog_searchentry BEGIN
    INSERT INTO catalog_search_fts(catalog_search_fts, rowid, {FTS_COLUMNS})
    VALUES ('delete', old.id, old.name_tokens, old.keyword_tokens, old.material_tokens, old.body_tokens);
    INSERT INTO catalog_search_name_fts(catalog_search_name_fts, rowid, name_tokens)
    VALUES ('delete', old.id, old.name_tokens);
    INSERT INTO catalog_search_fts(rowid, {FTS_COLUMNS})
    VALUES (new.id, new.name_tokens, new.keyword_tokens, new.material_tokens, new.body_tokens);
    INSERT INTO catalog_search_name_fts(rowid, name_tokens) VALUES (new.id, new.name_tokens);
END
""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS catalog_searchentry_fts_insert",
    "DROP TRIGGER IF EXISTS catalog_searchentry_fts_delete",
    "DROP TRIGGER IF EXISTS catalog_searchentry_fts_update",
    "DROP TABLE IF EXISTS catalog_search_fts",
    "DROP TABLE IF EXISTS catalog_search_name_fts",
]
PG_FORWARD = [
    """
ALTER TABLE catalog_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, name_tokens), 'A')
    || setweight(to_tsvector('simple'::regconfig, keyword_tokens), 'B')
    || setweight(to_tsvector('simple'::regconfig, material_tokens), 'C')
    || setweight(to_tsvector('simple'::regconfig, body_tokens), 'D')
) STORED
""",
    """
ALTER TABLE catalog_searchentry ADD COLUMN name_vector tsvector GENERATED ALWAYS AS (
    to_tsvector('simple'::regconfig, name_tokens)
) STORED
""",
    "CREATE INDEX catalog_searchentry_vector_gin ON catalog_searchentry USING gin (search_vector)",
    "CREATE INDEX catalog_searchentry_name_vector_gin ON catalog_searchentry USING gin (name_vector)",
]
PG_REVERSE = [
    "DROP INDEX IF EXISTS catalog_searchentry_name_vector_gin",
    "DROP INDEX IF EXISTS catalog_searchentry_vector_gin",
    "ALTER TABLE catalog_searchentry DROP COLUMN IF EXISTS name_vector",
    "ALTER TABLE catalog_searchentry DROP COLUMN IF EXISTS search_vector",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = SQLITE_FORWARD if vendor == "sqlite" else PG_FORWARD if vendor == "postgresql" else []
    for statement in statements:
        schema_editor.execute(statement)


def reverse(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = SQLITE_REVERSE if vendor == "sqlite" else PG_REVERSE if vendor == "postgresql" else []
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('catalog', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchIndexState',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token', models.CharField(max_length=32)),
            ],
            options={
                'verbose_name': '搜索索引状态',
                'verbose_name_plural': '搜索索引状态',
            },
        ),
        migrations.CreateModel(
            name='SearchEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('region_code', models.CharField(db_index=True, max_length=12)),
                ('service_object', models.CharField(max_length=16)),
                ('item_type', models.CharField(max_length=32)),
                ('handling_type', models.CharField(max_length=16)),
                ('online_depth', models.PositiveSmallIntegerField(default=1)),
                ('themes', models.CharField(blank=True, help_text='theme slugs, space-separated and space-padded', max_length=1000)),
                ('code', models.CharField(max_length=40)),
                ('name', models.CharField(max_length=200)),
                ('name_tokens', models.TextField()),
                ('keyword_tokens', models.TextField(blank=True)),
                ('material_tokens', models.TextField(blank=True)),
                ('body_tokens', models.TextField(blank=True)),
                ('keywords', models.CharField(blank=True, max_length=500)),
                ('summary', models.TextField(blank=True)),
                ('conditions', models.TextField(blank=True)),
                ('material_names', models.TextField(blank=True, help_text="material names joined by '、'")),
                ('indexed_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('department', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.department')),
                ('service_item', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='search_entry', to='catalog.serviceitem')),
                ('version', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='catalog.serviceitemversion')),
            ],
            options={
                'verbose_name': '搜索索引条目',
                'verbose_name_plural': '搜索索引条目',
            },
        ),
        migrations.RunPython(forward, reverse),
    ]
