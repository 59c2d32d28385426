"""The worklist generation: a counter per department, moved by database triggers whenever a
case (not a draft) or a process step (work item) of the department changes — and, when a case
changes, in the departments of its 一件事 items and of its open process steps too (their staff
see it in 我的待办). ``workbench.page_cache`` keys cached pages by it.

PostgreSQL: a row trigger only notes the department in a transaction-local setting; a deferred
constraint trigger bumps the noted departments at commit, in ascending order. Bumping at commit
and in one order means two transactions touching several departments (crossed 一件事) never
deadlock on the counters, and the row locks are held only while committing. A rolled-back
savepoint takes its notes with it (settings are transactional).

SQLite: one writer at a time, so plain AFTER triggers bump at once.
"""

from django.db import migrations, models

PG_FORWARD = """
CREATE OR REPLACE FUNCTION govhall_worklist_note(dept bigint) RETURNS void AS $$
DECLARE
    noted text := coalesce(current_setting('govhall.worklist_departments', true), '');
BEGIN
    -- each department once: the list stays as short as the departments touched, however many
    -- rows a transaction changes (the deadline sweep, a bulk fix)
    IF dept IS NOT NULL AND position(',' || dept::text || ',' in noted || ',') = 0 THEN
        PERFORM set_config('govhall.worklist_departments', noted || ',' || dept::text, true);
    END IF;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION govhall_worklist_note_case() RETURNS trigger AS $$
DECLARE
    child record;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status <> 'draft' THEN
        PERFORM govhall_worklist_note(OLD.department_id);
        IF OLD.kind = 'bundle' THEN
            FOR child IN SELECT DISTINCT department_id FROM cases_case WHERE parent_id = OLD.id LOOP
                PERFORM govhall_worklist_note(child.department_id);
            END LOOP;
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status <> 'draft' THEN
        PERFORM govhall_worklist_note(NEW.department_id);
        IF NEW.kind = 'bundle' AND TG_OP = 'UPDATE' THEN
            FOR child IN SELECT DISTINCT department_id FROM cases_case WHERE parent_id = NEW.id LOOP
                PERFORM govhall_worklist_note(child.department_id);
            END LOOP;
        END IF;
        -- whoever has an open step of the case sees it in 我的待办, in whatever department
        IF TG_OP = 'UPDATE' THEN
            FOR child IN SELECT DISTINCT department_id FROM workflow_workitem
                         WHERE subject = 'case:' || NEW.id::text AND status = 'open' LOOP
                PERFORM govhall_worklist_note(child.department_id);
            END LOOP;
        END IF;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION govhall_worklist_note_work_item() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM govhall_worklist_note(OLD.department_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM govhall_worklist_note(NEW.department_id);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION govhall_worklist_bump() RETURNS trigger AS $$
DECLARE
    noted text := current_setting('govhall.worklist_departments', true);
    dept bigint;
BEGIN
    IF noted IS NULL OR noted = '' THEN
        RETURN NULL;  -- an earlier firing in this commit bumped them all
    END IF;
    PERFORM set_config('govhall.worklist_departments', '', true);
    FOR dept IN SELECT DISTINCT d::bigint FROM unnest(string_to_array(noted, ',')) AS d WHERE d <> '' ORDER BY 1 LOOP
        INSERT INTO cases_worklistgeneration (department_id, value) VALUES (dept, 1)
        ON CONFLICT (department_id) DO UPDATE SET value = cases_worklistgeneration.value + 1;
    END LOOP;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER cases_case_worklist_note AFTER INSERT OR UPDATE OR DELETE ON cases_case
    FOR EACH ROW EXECUTE FUNCTION govhall_worklist_note_case();
CREATE CONSTRAINT TRIGGER cases_case_worklist_bump AFTER INSERT OR UPDATE OR DELETE ON cases_case
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION govhall_worklist_bump();
CREATE TRIGGER workflow_workitem_worklist_note AFTER INSERT OR UPDATE OR DELETE ON workflow_workitem
    FOR EACH ROW EXECUTE FUNCTION govhall_worklist_note_work_item();
CREATE CONSTRAINT TRIGGER workflow_workitem_worklist_bump AFTER INSERT OR UPDATE OR DELETE ON workflow_workitem
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION govhall_worklist_bump();
"""
PG_REVERSE = """
DROP TRIGGER IF EXISTS cases_case_worklist_note ON cases_case;
DROP TRIGGER IF EXISTS cases_case_worklist_bump ON cases_case;
DROP TRIGGER IF EXISTS workflow_workitem_worklist_note ON workflow_workitem;
DROP TRIGGER IF EXISTS workflow_workitem_worklist_bump ON workflow_workitem;
DROP FUNCTION IF EXISTS govhall_worklist_bump();
DROP FUNCTION IF EXISTS govhall_worklist_note_work_item();
DROP FUNCTION IF EXISTS govhall_worklist_note_case();
DROP FUNCTION IF EXISTS govhall_worklist_note(bigint);
"""

_SQLITE_BUMP = """INSERT INTO cases_worklistgeneration (department_id, value) VALUES ({dept}, 1)
        ON CONFLICT (department_id) DO UPDATE SET value = value + 1;"""
_SQLITE_BUMP_CHILDREN = """INSERT INTO cases_worklistgeneration (department_id, value)
        SELECT DISTINCT department_id, 1 FROM cases_case WHERE parent_id = {row}.id AND {row}.kind = 'bundle'
        ON CONFLICT (department_id) DO UPDATE SET value = value + 1;"""
_SQLITE_BUMP_STEPS = """INSERT INTO cases_worklistgeneration (department_id, value)
        SELECT DISTINCT department_id, 1 FROM workflow_workitem
        WHERE subject = 'case:' || {row}.id AND status = 'open'
        ON CONFLICT (department_id) DO UPDATE SET value = value + 1;"""
SQLITE_FORWARD = [
    f"""CREATE TRIGGER cases_case_worklist_insert AFTER INSERT ON cases_case WHEN NEW.status <> 'draft'
    BEGIN {_SQLITE_BUMP.format(dept="NEW.department_id")} END;""",
    f"""CREATE TRIGGER cases_case_worklist_update AFTER UPDATE ON cases_case
    WHEN NEW.status <> 'draft' OR OLD.status <> 'draft'
    BEGIN
        {_SQLITE_BUMP.format(dept="OLD.department_id")}
        {_SQLITE_BUMP.format(dept="NEW.department_id")}
        {_SQLITE_BUMP_CHILDREN.format(row="NEW")}
        {_SQLITE_BUMP_STEPS.format(row="NEW")}
    END;""",
    f"""CREATE TRIGGER cases_case_worklist_delete AFTER DELETE ON cases_case WHEN OLD.status <> 'draft'
    BEGIN
        {_SQLITE_BUMP.format(dept="OLD.department_id")}
        {_SQLITE_BUMP_CHILDREN.format(row="OLD")}
    END;""",
    f"""CREATE TRIGGER workflow_workitem_worklist_insert AFTER INSERT ON workflow_workitem
    BEGIN {_SQLITE_BUMP.format(dept="NEW.department_id")} END;""",
    f"""CREATE TRIGGER workflow_workitem_worklist_update AFTER UPDATE ON workflow_workitem
    BEGIN
        {_SQLITE_BUMP.format(dept="OLD.department_id")}
        {_SQLITE_BUMP.format(dept="NEW.department_id")}
    END;""",
    f"""CREATE TRIGGER workflow_workitem_worklist_delete AFTER DELETE ON workflow_workitem
    BEGIN {_SQLITE_BUMP.format(dept="OLD.department_id")} END;""",
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {name};"
    for name in (
        "cases_case_worklist_insert",
        "cases_case_worklist_update",
        "cases_case_worklist_delete",
        "workflow_workitem_worklist_insert",
        "workflow_workitem_worklist_update",
        "workflow_workitem_worklist_delete",
    )
]


def _by_vendor(postgresql: list[str], sqlite: list[str]):
    def run(apps, schema_editor):
        statements = {"postgresql": postgresql, "sqlite": sqlite}.get(schema_editor.connection.vendor, [])
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_encrypt_form_data"),
        ("workflow", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="WorklistGeneration",
            fields=[
                ("department_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("value", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(
            _by_vendor([PG_FORWARD], SQLITE_FORWARD), _by_vendor([PG_REVERSE], SQLITE_REVERSE)
        ),
    ]
