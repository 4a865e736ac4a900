"""Walking up a reporting line, once for the whole app.

Roles in the library, drafts in the engine and roles in a saved plan all report to one manager
each; validation, the engine, plan services and the org chart walk that line upwards. The walk
stops at a loop, so a misconfigured library or plan can never hang a request.
"""
from collections.abc import Callable, Hashable, Iterator


def walk_up(start: Hashable, parent_of: Callable) -> Iterator:
    """The managers above ``start``, nearest first, ending at the top or just before a repeat.

    ``parent_of(key)`` returns the key's manager or None. ``start`` itself is not yielded; if the line
    comes back to it, it is yielded last, so ``start in walk_up(start, ...)`` tells a loop.
    """
    seen = {start}
    current = parent_of(start)
    while current is not None:
        yield current
        if current in seen:
            return
        seen.add(current)
        current = parent_of(current)


def loops(start: Hashable, parent_of: Callable) -> bool:
    """True when the line above ``start`` comes back to it."""
    return start in walk_up(start, parent_of)
