"""Queries that every page view makes, compiled once and run again with other values.

Django builds and compiles a queryset each time it is used. For the few queries that every uncached page view
makes (the pages on the path, the page's own row, its themes), that took several times longer than running them:
about 1.2-1.7 ms per query against 0.1 ms on SQLite, a quarter of a page's first view. Here such a query is
built once per process, shape and database with probe values where the values go, compiled, and each later use
runs the same SQL with its own values in the probes' places.

``build(*values)`` must return a queryset whose compiled parameters hold each value as given: equality and
``__in`` lookups (a value may have several places, as in a union). A probe that the compiler changed
(``__startswith`` escapes it and adds ``%``) or dropped (a lookup that is always true) is not found, and then the
query is built by the ORM on every use, as before; so is one with values of other types than ``int`` and ``str``
(and lists of them). The shape (types, list lengths) is part of the key.
"""

import itertools

from django.core.exceptions import EmptyResultSet
from django.db import connections

# Integer probes count up from here: within a 32-bit integer column's range (Django drops or answers a lookup
# with a value out of the column's range without asking the database), and far above any id or count here.
PROBE_INT = 2_000_000_000
# Bounds: a shape is part of the key, and a request chooses the length of its path. Longer lists, and shapes
# beyond the first MAX_ENTRIES, are built by the ORM every time.
MAX_LIST = 16
MAX_ENTRIES = 500
_compiled = {}  # filled one item at a time: two threads compiling one shape store the same thing
NOT_COMPILED = object()


def _probe_like(value, numbers):
    if isinstance(value, list | tuple):
        return [_probe_like(item, numbers) for item in value]
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(value)
    number = next(numbers)
    return PROBE_INT + number if isinstance(value, int) else f"\x1fkp-probe-{number}\x1f"


def _flat(values):
    for value in values:
        if isinstance(value, list | tuple):
            yield from _flat(value)
        else:
            yield value


def _shape(value):
    if isinstance(value, list | tuple):
        return tuple(_shape(item) for item in value)
    return type(value).__name__


def _compile(build, values, using, instances):
    numbers = itertools.count()  # one counter for all values: every probe differs from every other
    try:
        probes = [_probe_like(value, numbers) for value in values]
    except TypeError:
        return None
    queryset = build(*probes)
    if instances and (queryset.query.select_related or queryset._fields is not None):
        return None  # columns of other tables, or not the model's: instances cannot be made from them by name
    try:
        sql, params = queryset.query.get_compiler(using=using).as_sql()
    except EmptyResultSet:  # an empty list: the ORM answers without asking the database
        return None
    places = []  # per value: its places (a union has one per part)
    for probe in _flat(probes):
        found = [place for place, param in enumerate(params) if type(param) is type(probe) and param == probe]
        if not found:
            return None
        places.append(found)
    return queryset.model, sql, tuple(params), places


def _too_long(values):
    return any(isinstance(value, list | tuple) and (len(value) > MAX_LIST or _too_long(value)) for value in values)


def _compiled_for(key, build, values, using, instances=False):
    if _too_long(values):
        return None
    full_key = (key, using, tuple(_shape(value) for value in values))
    compiled = _compiled.get(full_key, NOT_COMPILED)
    if compiled is NOT_COMPILED:
        if len(_compiled) >= MAX_ENTRIES:
            return None
        compiled = _compile(build, values, using, instances)
        _compiled[full_key] = compiled
    return compiled


def _params(compiled, values):
    _model, _sql, params, places = compiled
    params = list(params)
    for value_places, value in zip(places, _flat(values), strict=True):
        for place in value_places:
            params[place] = value
    return params


def rows(key, build, values, using="default"):
    """The rows (tuples) of ``build(*values)``, a ``values_list()`` queryset."""
    compiled = _compiled_for(key, build, values, using)
    if compiled is None:
        return [tuple(row) for row in build(*values).using(using)]
    with connections[using].cursor() as cursor:
        cursor.execute(compiled[1], _params(compiled, values))
        return cursor.fetchall()


def objects(key, build, values, using="default"):
    """The model instances of ``build(*values)``: a queryset of model rows, annotations allowed (no ``values()`` or
    ``select_related()``: the instances are made from the columns by name, as ``Manager.raw()`` does, which keeps
    other columns as attributes)."""
    compiled = _compiled_for(key, build, values, using, instances=True)
    if compiled is None:
        return list(build(*values).using(using))
    model, sql = compiled[0], compiled[1]
    return list(model._default_manager.db_manager(using).raw(sql, _params(compiled, values)))
