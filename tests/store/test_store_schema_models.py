"""The models are the schema: every table, column (type, NULL, key) and index the migrations build, on SQLite and
on PostgreSQL, is the one the peewee models declare. Any drift between the models and either migrated schema
fails here (a column added by a migration and not to its model, an index dropped on one engine …)."""

from __future__ import annotations

import peewee
import pytest

from gwdesk.store import applications_models, models, report_models, review_models, tasks_models
from gwdesk.store.base import BaseModel

pytestmark = pytest.mark.both_engines

MODULES = (models, review_models, tasks_models, applications_models, report_models)

# what only one engine has, by design
ENGINE_ONLY_TABLES = {
    # FTS5 virtual tables and their shadow tables (schemas m006, m007): SQLite's search index
    "sqlite": ("application_fts", "application_search_fts", "application_search_vocab"),
    "postgresql": (),
}
ENGINE_ONLY_INDEXES = {
    "sqlite": set(),
    # pg_trgm's GIN index on the search text (migrations/pg_baseline.py): PostgreSQL's search index
    "postgresql": {("application_search", ("text",), False, False)},
}


def all_models() -> list[type[BaseModel]]:
    found = {}
    for module in MODULES:
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, BaseModel) and value is not BaseModel:
                found[value._meta.table_name] = value
    return list(found.values())


def _type(field: peewee.Field, engine: str) -> str:
    kind = field.field_type
    if isinstance(field, peewee.ForeignKeyField):
        kind = field.rel_field.field_type
    if kind in ("AUTO", "INT", "BIGINT", "SMALLINT"):
        return "integer"
    if kind == "BOOL":
        return "boolean" if engine == "postgresql" else "integer"  # SQLite keeps 0/1
    if kind in ("TEXT", "VARCHAR", "DATE"):  # DateText stores ISO text on both engines
        return "text"
    if kind == "BLOB":
        return "bytea" if engine == "postgresql" else "blob"
    return kind.lower()


def _actual_type(data_type: str) -> str:
    t = data_type.lower()
    return "integer" if t in ("integer", "int", "bigint") else t


def _model_indexes(model) -> set[tuple]:
    out = set()
    pk = tuple(f.column_name for f in model._meta.get_primary_keys())
    for index in model._meta.fields_to_index():
        cols = tuple(e.column_name for e in index._expressions)
        if cols != pk:
            out.add((model._meta.table_name, cols, bool(index._unique), index._where is not None))
    return out


def _actual_indexes(database, table: str, pk: tuple) -> set[tuple]:
    out = set()
    for ix in database.get_indexes(table):
        cols = tuple(c.split()[0].strip('"') for c in ix.columns)
        if cols == pk:
            continue
        partial = bool(ix.sql) and " where " in ix.sql.lower()
        out.add((table, cols, bool(ix.unique), partial))
    return out


def _tables(database, engine: str) -> set[str]:
    names = set(database.get_tables())
    skip = ENGINE_ONLY_TABLES[engine]
    return {n for n in names if not n.startswith("sqlite_") and not any(n.startswith(s) for s in skip)}


def test_every_table_is_a_model(store, engine):
    assert _tables(store.db, engine) == {m._meta.table_name for m in all_models()}


def column_problems(database, engine: str, model_list) -> list[str]:
    problems = []
    for model in model_list:
        table = model._meta.table_name
        actual = {c.name: c for c in database.get_columns(table)}
        declared = {f.column_name: f for f in model._meta.sorted_fields}
        if set(actual) != set(declared):
            problems.append(f"{table}: schema only {sorted(set(actual) - set(declared))}, "
                            f"model only {sorted(set(declared) - set(actual))}")
            continue
        for name, col in actual.items():
            f = declared[name]
            want = (_type(f, engine), bool(f.null) and not f.primary_key, bool(f.primary_key))
            got = (_actual_type(col.data_type), bool(col.null) and not col.primary_key, bool(col.primary_key))
            if want != got:
                problems.append(f"{table}.{name}: model {want} schema {got}")
    return problems


def test_every_column_is_declared_with_its_type_null_and_key(store, engine):
    problems = column_problems(store.db, engine, all_models())
    assert not problems, "\n".join(problems)


def test_every_index_is_declared(store, engine):
    declared, actual = set(), set()
    for model in all_models():
        pk = tuple(f.column_name for f in model._meta.get_primary_keys())
        declared |= _model_indexes(model)
        actual |= _actual_indexes(store.db, model._meta.table_name, pk)
    actual -= ENGINE_ONLY_INDEXES[engine]
    assert sorted(actual - declared) == [] and sorted(declared - actual) == [], (
        f"schema only: {sorted(actual - declared)}\nmodels only: {sorted(declared - actual)}")


def test_the_drift_check_sees_a_missing_column_and_a_wrong_type(store, engine):
    """The checks above are no tautology: a column a model lacks, or declares with another type, is reported."""
    class Lacking(BaseModel):
        id = peewee.AutoField()
        number = peewee.TextField(unique=True)

        class Meta:
            table_name = "application_frozen_year"

    class WrongType(BaseModel):
        year = peewee.IntegerField(primary_key=True)
        table3 = peewee.IntegerField()
        table4 = peewee.TextField()
        frozen_at = peewee.TextField()
        note = peewee.TextField(null=True)

        class Meta:
            table_name = "application_frozen_year"

    lacking = column_problems(store.db, engine, [Lacking])
    assert len(lacking) == 1 and "schema only ['frozen_at', 'note', 'table3', 'table4', 'year']" in lacking[0]
    assert sorted(column_problems(store.db, engine, [WrongType])) == [
        "application_frozen_year.note: model ('text', True, False) schema ('text', False, False)",
        "application_frozen_year.table3: model ('integer', False, False) schema ('text', False, False)"]
