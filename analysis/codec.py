"""Typed results to JSON and back, so that cached scores are data, never code.

A pickle in the database would let whoever can write the database file run code in the app;
JSON rebuilt through the dataclasses' own type hints cannot. Frozen dataclasses (slotted or
not), dicts with string keys, tuples, `array`s, dates and plain values round-trip exactly.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import types
import typing
from array import array
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin


def to_plain(value: Any) -> Any:
    """A value as JSON-ready lists, dicts and scalars."""
    encode = _ENCODERS.get(type(value))
    if encode is None:
        encode = _ENCODERS[type(value)] = _encoder(type(value))
    return encode(value)


def _same(value: Any) -> Any:
    return value


def _encoder(kind: type) -> Callable[[Any], Any]:
    """How values of one type become plain data, found once per type (a score holds millions of
    values; asking each whether it is a dataclass was most of the time of caching it)."""
    if is_dataclass(kind):
        names = [f.name for f in fields(kind)]
        return lambda value: {name: to_plain(getattr(value, name)) for name in names}
    if issubclass(kind, array):
        return lambda value: {"array": value.typecode, "items": value.tolist()}
    if issubclass(kind, dict):
        return lambda value: {str(key): to_plain(item) for key, item in value.items()}
    if issubclass(kind, list | tuple):
        return lambda value: [to_plain(item) for item in value]
    if issubclass(kind, dt.date):
        return lambda value: value.isoformat()
    return _same


_ENCODERS: dict[type, Callable[[Any], Any]] = {kind: _same for kind in (str, int, float, bool, type(None))}


def dumps(value: Any) -> bytes:
    return json.dumps(to_plain(value), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(kind: type, data: bytes | str) -> Any:
    """A `kind` rebuilt from `dumps` output; raises ValueError when the data does not fit the type."""
    return from_plain(kind, json.loads(data))


def from_plain(kind: Any, value: Any) -> Any:
    """`value` (from JSON) as an instance of the type `kind`; ValueError when it does not fit."""
    try:
        return _decoder(kind)(value)
    except (KeyError, TypeError, AttributeError, IndexError) as error:
        raise ValueError(f"not a {getattr(kind, '__name__', kind)}: {error}") from error


@cache
def _hints(cls: type) -> dict[str, Any]:
    module = sys.modules[cls.__module__]
    return typing.get_type_hints(cls, vars(module))


Decoder = Callable[[Any], Any]


@cache
def _decoder(kind: Any) -> Decoder:
    """A function that rebuilds values of `kind`, made once per type (reading ten thousand cached
    articles walks millions of values; looking the type up again for each was most of the time)."""
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(kind) if a is not type(None)]
        if len(options) != 1:
            raise TypeError(f"cannot rebuild the union {kind}")
        inner = _decoder(options[0])
        return lambda value: None if value is None else inner(value)
    if origin is Literal:
        allowed = frozenset(get_args(kind))
        return lambda value: value if value in allowed else _wrong(value, kind)
    if origin is dict:
        item = _decoder(get_args(kind)[1])
        return lambda value: {key: item(v) for key, v in _mapping(value).items()}
    if origin is tuple:
        args = get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            each = _decoder(args[0])
            return lambda value: tuple(map(each, _sequence(value)))
        parts = [_decoder(a) for a in args]
        return lambda value: tuple(d(v) for d, v in zip(parts, _sequence(value), strict=True))
    if origin is list:
        each = _decoder(get_args(kind)[0])
        return lambda value: list(map(each, _sequence(value)))
    if kind is array:
        return lambda value: array(_mapping(value)["array"], _sequence(value["items"]))
    if kind is dt.date:
        return dt.date.fromisoformat
    if isinstance(kind, type) and is_dataclass(kind):
        hints = _hints(kind)
        members = [(f.name, _decoder(hints[f.name])) for f in fields(kind)]
        return lambda value: kind(**{name: d(value[name]) for name, d in members if name in _mapping(value)})
    if kind is float:
        return lambda value: (
            float(value) if isinstance(value, int | float) and not isinstance(value, bool) else _wrong(value, kind)
        )
    if kind in (int, str, bool):
        return lambda value: value if type(value) is kind else _wrong(value, kind)
    if kind is Any:
        return lambda value: value
    raise TypeError(f"cannot rebuild values of {kind}")


def _wrong(value: Any, kind: Any) -> Any:
    raise TypeError(f"{value!r} does not fit {kind}")


def _mapping(value: Any) -> dict:
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, got {type(value).__name__}")
    return value


def _sequence(value: Any) -> list:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return value
