"""Counters added to in bulk: one multi-row upsert per table and batch, in the ledger's transaction.

Django's ``bulk_create(update_conflicts=True)`` can only overwrite a column, not add to it, so the statements are
written here for the two dialects the project runs on: MySQL/MariaDB (the LMS) and SQLite/PostgreSQL.
"""
from django.db import connection

from .models import LearnerTally, Tally

ROWS_PER_STATEMENT = 1000


class Literal(str):
    """A row of whole numbers already written out (``int`` cannot carry SQL): binding each costs more than it."""


def add(model, key_columns, sum_columns, rows):
    """
    Add ``rows`` — tuples of the key columns' values followed by the amounts, or such a row already written out as
    a :class:`Literal` — to ``model``'s counters, creating the rows that do not exist yet.
    """
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    columns = [*key_columns, *sum_columns]
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    if connection.vendor == "mysql":
        updates = ", ".join(f"{(q := connection.ops.quote_name(c))} = {q} + VALUES({q})" for c in sum_columns)
        tail = f"ON DUPLICATE KEY UPDATE {updates}"
    else:
        conflict = ", ".join(connection.ops.quote_name(column) for column in key_columns)
        updates = ", ".join(f"{(q := connection.ops.quote_name(c))} = {table}.{q} + excluded.{q}" for c in sum_columns)
        tail = f"ON CONFLICT ({conflict}) DO UPDATE SET {updates}"
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            chunk = rows[start:start + ROWS_PER_STATEMENT]
            params = [value for row in chunk if not isinstance(row, Literal) for value in row]
            values = ", ".join(row if isinstance(row, Literal) else placeholders for row in chunk)
            cursor.execute(f"INSERT INTO {table} ({names}) VALUES {values} {tail}", params)  # noqa: S608


def add_tallies(amounts):
    """``amounts``: {scope: (actions, points, kopecks)}."""
    add(Tally, ["scope"], ["actions", "points", "kopecks"],
        [(scope, *values) for scope, values in sorted(amounts.items())])


def add_learners(amounts):
    """``amounts``: {user_id: (actions, points, kopecks)}, all whole numbers, so written out as literals."""
    add(LearnerTally, ["user_id"], ["actions", "points", "kopecks"],
        [Literal(f"({int(user_id)}, {int(actions)}, {int(points)}, {int(kopecks)})")
         for user_id, (actions, points, kopecks) in sorted(amounts.items())])
