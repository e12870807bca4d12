"""A word diff's spans shown as text: shortened context, ``[-old-]{+new+}`` marks, terminal colours.

For display only: what these functions return no longer rebuilds the texts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from amendtrack.compare.textdiff import Op, Span

__all__ = ["CONTEXT", "compact_ops", "render_ops_ansi", "render_ops_marked"]

CONTEXT = 40
"""Characters of unchanged text kept on each side of a change."""

_ELLIPSIS = "…"


def _head(text: str, size: int) -> str:
    """The first `size` characters or so, cut at a space."""
    if len(text) <= size:
        return text
    cut = text.rfind(" ", 0, size)
    return text[: cut if cut > 0 else size] + _ELLIPSIS


def _tail(text: str, size: int) -> str:
    """The last `size` characters or so, cut at a space."""
    if len(text) <= size:
        return text
    cut = text.find(" ", len(text) - size)
    return _ELLIPSIS + text[cut + 1 if cut >= 0 else len(text) - size :]


def compact_ops(ops: Sequence[Span], context: int = CONTEXT) -> tuple[Span, ...]:
    """The word diff with long unchanged stretches shortened to `context` characters
    on each side of a change (for display only: it no longer rebuilds the texts).

    :param ops: a word diff (compare.textdiff.word_diff).
    :param context: characters kept before and after each change.
    """
    out: list[Span] = []
    last = len(ops) - 1
    for i, (op, text) in enumerate(ops):
        if op != Op.EQUAL:
            out.append((op, text))
            continue
        if i == 0 and i == last:
            out.append((op, _head(text, 2 * context)))
        elif i == 0:
            out.append((op, _tail(text, context)))
        elif i == last:
            out.append((op, _head(text, context)))
        elif len(text) > 2 * context + len(_ELLIPSIS):
            head, tail = _head(text, context), _tail(text, context)
            out.append((op, head.removesuffix(_ELLIPSIS) + " " + _ELLIPSIS + " " + tail.removeprefix(_ELLIPSIS)))
        else:
            out.append((op, text))
    return tuple(out)


def render_ops_marked(spans: Iterable[Span]) -> str:
    """Plain-text redline in ``git diff --word-diff`` style: ``[-old-]{+new+}``.

    Like git, the markers are not escaped: a text that itself contains ``[-`` or
    ``{+`` renders ambiguously.  Use it for logs, terminals without colour and tests.
    """
    parts = []
    for op, text in spans:
        if op == Op.DELETE:
            parts.append(f"[-{text}-]")
        elif op == Op.INSERT:
            parts.append(f"{{+{text}+}}")
        else:
            parts.append(text)
    return "".join(parts)


_ANSI_RESET = "\x1b[0m"
_ANSI_DELETE = "\x1b[31;9m"  # red, struck through
_ANSI_INSERT = "\x1b[32;4m"  # green, underlined


def _ansi(style: str, text: str) -> str:
    # Styled line by line: pagers (less -R) and line tools (grep, head) then never
    # see a style that runs over a newline.
    return "\n".join(f"{style}{line}{_ANSI_RESET}" if line else "" for line in text.split("\n"))


def render_ops_ansi(spans: Iterable[Span]) -> str:
    """Terminal redline: deletions red and struck through, insertions green and underlined."""
    parts = []
    for op, text in spans:
        if op == Op.DELETE:
            parts.append(_ansi(_ANSI_DELETE, text))
        elif op == Op.INSERT:
            parts.append(_ansi(_ANSI_INSERT, text))
        else:
            parts.append(text)
    return "".join(parts)
