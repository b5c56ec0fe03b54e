"""``@record``: a frozen dataclass that costs nothing to define.

``@dataclass`` writes each class's methods out as source and compiles them, about 0.4 ms a
class: for the models every command loads, several milliseconds of every start-up. ``@record``
gives the same frozen records (keyword or positional fields, defaults, ``__post_init__``,
equality, hashing, repr, ``fields_of``) from methods written once, here. mypy reads the fields as
it reads a dataclass's (PEP 681). Defaults are plain values: a record that needs a
``default_factory`` stays a dataclass.
"""

from __future__ import annotations

import inspect
from dataclasses import FrozenInstanceError
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform  # in typing from Python 3.11
else:
    def dataclass_transform(**_: Any) -> Any:
        return lambda decorator: decorator

T = TypeVar("T")
_FIELDS: dict[type, tuple[str, ...]] = {}  # each record class's fields, in order


@dataclass_transform(frozen_default=True)
def record(cls: type[T]) -> type[T]:
    names: tuple[str, ...] = tuple(inspect.get_annotations(cls))  # its own fields, in order
    defaults = {name: cls.__dict__[name] for name in names if name in cls.__dict__}
    post_init = cls.__dict__.get("__post_init__")
    setter = object.__setattr__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if not kwargs and len(args) == len(names):  # the common case: a row from the journal
            self.__dict__.update(zip(names, args, strict=False))  # lengths checked just above
        else:
            if len(args) > len(names):
                raise TypeError(f"{cls.__name__}() takes {len(names)} fields, not {len(args)}")
            values = dict(zip(names, args, strict=False))
            for name, value in kwargs.items():
                if name not in names or name in values:
                    raise TypeError(f"{cls.__name__}() got an unexpected or repeated field "
                                    f"{name!r}")
                values[name] = value
            for name in names:
                if name in values:
                    setter(self, name, values[name])
                elif name in defaults:
                    setter(self, name, defaults[name])
                else:
                    raise TypeError(f"{cls.__name__}() is missing the field {name!r}")
        if post_init is not None:
            post_init(self)

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in names)

    def __hash__(self: Any) -> int:
        return hash(tuple(getattr(self, name) for name in names))

    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{cls.__qualname__}({shown})"

    def __setattr__(self: Any, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self: Any, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    for method in (__init__, __eq__, __hash__, __repr__, __setattr__, __delattr__):
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
        setattr(cls, method.__name__, method)
    _FIELDS[cls] = names
    return cls


def fields_of(value: Any) -> dict[str, Any]:
    """A record's fields and their values, in order (what ``dataclasses.asdict`` gives for a
    record of plain values)."""
    return {name: getattr(value, name) for name in _FIELDS[type(value)]}
