"""URL reversal for pages that build many links: the shape of each view's URL is reversed once
and the ids are put into it.

Django's ``reverse`` walks the URL patterns, converts and quotes every argument and checks the
result against the pattern's regular expression on each call: about 25 µs, and a dashboard or a
timeline page builds 150-200 links (a fifth of the client list's CPU). For the links Accord
builds, views named with non-negative integer arguments (``<int:...>`` converters) or none,
the result is always the same text with the numbers in their places, so that text is kept per
view, number of arguments, URL configuration, script prefix and current application.
Anything else (keyword arguments, strings, a view the sentinel numbers do not fit) goes to
``reverse`` itself.
"""

from __future__ import annotations

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

# Numbers no real id reaches, so that each shows up once in a reversed URL.
_SENTINELS = tuple(9_700_000_000_001 + index for index in range(6))
_UNSHAPED = object()
_shapes: dict[tuple, tuple[tuple[str, ...], tuple[int, ...]] | object] = {}


def _shape(viewname: str, count: int, current_app: str | None):
    """The URL of ``viewname`` cut around its ``count`` arguments: the text pieces and which
    argument goes after each, or ``_UNSHAPED`` when the sentinels do not show up once each."""
    if count > len(_SENTINELS):
        return _UNSHAPED
    sentinels = [str(value) for value in _SENTINELS[:count]]
    try:
        url = reverse(viewname, args=_SENTINELS[:count], current_app=current_app)
    except NoReverseMatch:
        return _UNSHAPED
    if any(url.count(sentinel) != 1 for sentinel in sentinels):
        return _UNSHAPED
    # Each sentinel shows up once: the pieces are the text between them, in their order.
    spots = sorted((url.index(sentinel), index) for index, sentinel in enumerate(sentinels))
    pieces, start = [], 0
    for position, index in spots:
        pieces.append(url[start:position])
        start = position + len(sentinels[index])
    pieces.append(url[start:])
    return tuple(pieces), tuple(index for _position, index in spots)


def link(viewname, args=(), kwargs=None, current_app: str | None = None) -> str:
    """``reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)``, from the kept
    shape of the view's URL when the arguments are non-negative integers (or none)."""
    if (
        kwargs
        or not isinstance(viewname, str)
        or not all(type(value) is int and value >= 0 for value in args)
    ):
        return reverse(viewname, args=args or None, kwargs=kwargs or None, current_app=current_app)
    key = (
        viewname,
        len(args),
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
        current_app,
    )
    shape = _shapes.get(key)
    if shape is None:
        shape = _shapes[key] = _shape(viewname, len(args), current_app)
    if shape is _UNSHAPED:
        return reverse(viewname, args=args or None, current_app=current_app)
    pieces, order = shape
    parts = [pieces[0]]
    for position, index in enumerate(order):
        parts.append(str(args[index]))
        parts.append(pieces[position + 1])
    return "".join(parts)


@receiver(setting_changed)
def _forget_shapes(*, setting: str, **_kwargs) -> None:
    if setting in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME"):
        _shapes.clear()
