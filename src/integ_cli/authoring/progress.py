"""Edits that record a measure's progress: milestones added and ticked, dated status
updates (*Sachstand*) appended, a year's staff posts (*Stellen*) set or removed.

They are :data:`~integ_cli.authoring.edits.Edit`\\ s like the others (round trip, schema
key order, ``updated`` bumped), and raise a version-1 file to ``schema_version: 2``,
where these keys are defined, as they add them. Nothing here reads or writes files.
"""

from __future__ import annotations

from typing import Any

from integ_cli.authoring import roundtrip as rt
from integ_cli.authoring.edits import Edit, EditError, key_order, ordered
from integ_cli.i18n import _
from integ_cli.progress import milestones
from integ_cli.suggest import did_you_mean

#: The schema_version that defines milestones and updates.
PROGRESS_VERSION = 2


def _raise_version(data: Any) -> list[str]:
    """Write ``schema_version: 2`` where the file says 1 (the keys added need it)."""
    version = rt.plain(data.get("schema_version"))
    if not isinstance(version, int) or version >= PROGRESS_VERSION:
        return []
    data["schema_version"] = PROGRESS_VERSION
    return [_("schema_version: {old} → {new}").format(old=version, new=PROGRESS_VERSION)]


def raising_version(edit: Edit) -> Edit:
    """``edit``, after which a version-1 file says ``schema_version: 2``: for edits
    that add keys version 2 defines (a budget line's programme, say)."""

    def raised(data: Any, schema: dict[str, Any]) -> list[str]:
        changes = edit(data, schema)
        return changes + _raise_version(data) if changes else changes

    return raised


def _append(data: Any, schema: dict[str, Any], key: str, entry: dict[str, Any]) -> None:
    """Add ``entry`` (no empty values) at the end of the list ``key``, creating it."""
    from ruamel.yaml.comments import CommentedSeq

    entry = ordered({k: v for k, v in entry.items() if v is not None}, schema, [key, 0])
    current = data.get(key)
    if current is None:
        rt.set_key(data, key, rt.node([entry], indent=2), key_order(schema))
    elif isinstance(current, CommentedSeq):
        rt.insert_item(current, len(current), rt.node(entry, indent=4))
    else:
        raise EditError(
            "not-a-list", _("'{key}' is {value}, not a list").format(key=key, value=rt.show(current)), [key]
        )


def add_milestone(title: str, due: str | None = None, note: str | None = None) -> Edit:
    """Add a milestone at the end of the list (``due``: a date as the file writes it)."""

    def edit(data: Any, schema: dict[str, Any]) -> list[str]:
        if any(m.title == title for m in milestones(rt.plain(data))):
            message = _("the measure has a milestone '{title}' already; name the new one differently")
            raise EditError("duplicate-milestone", message.format(title=title), ["milestones"])
        changes = _raise_version(data)
        _append(data, schema, "milestones", {"title": title, "due": due, "note": note})
        return [*changes, _("milestone '{title}' added").format(title=title)]

    return edit


def _chosen(data: dict[str, Any], which: str) -> int:
    """The index of the milestone ``which`` names: its number (1 = first) or its title."""
    listed = milestones(data)
    if not listed:
        raise EditError("no-milestones", _("this measure has no milestones yet"), ["milestones"])
    if which.isdigit():
        if 1 <= int(which) <= len(listed):
            return int(which) - 1
        message = _("there is no milestone {number}; this measure has {count}")
        raise EditError("no-such-milestone", message.format(number=which, count=len(listed)), ["milestones"])
    for milestone in listed:
        if milestone.title == which:
            return milestone.number - 1
    titles = [m.title for m in listed]
    hint = did_you_mean(which, titles) or _("; it has {titles}").format(titles=", ".join(f"'{t}'" for t in titles))
    message = _("this measure has no milestone '{title}'{hint}").format(title=which, hint=hint)
    raise EditError("no-such-milestone", message, ["milestones"])


def tick_milestone(which: str, done: str, note: str | None = None) -> Edit:
    """Mark the milestone ``which`` (number or title) done on ``done``."""

    def edit(data: Any, schema: dict[str, Any]) -> list[str]:
        index = _chosen(rt.plain(data), which)
        item = data["milestones"][index]
        title = rt.plain(item.get("title"))
        changes: list[str] = []
        for key, value in (("done", done), ("note", note)):
            if value is not None and rt.plain(item.get(key)) != value:
                rt.set_key(item, key, rt.styled(value, item.get(key)), key_order(schema, ["milestones", 0]))
                changes.append(key)
        if not changes:
            return []
        return [_("milestone '{title}' done on {date}").format(title=title, date=done)]

    return edit


def add_update(date: str, status: str | None = None, note: str | None = None) -> Edit:
    """Append a status update of ``date``; with ``status``, the measure's status is set too."""

    def edit(data: Any, schema: dict[str, Any]) -> list[str]:
        from integ_cli.authoring.edits import assign

        changes = assign(["status"], status)(data, schema) if status is not None else []
        changes = _raise_version(data) + changes
        _append(data, schema, "updates", {"date": date, "status": status, "note": note})
        return [*changes, _("update of {date} added").format(date=date)]

    return edit


def _staff_year(item: Any) -> int | None:
    year = rt.plain(item.get("year")) if isinstance(item, dict) else None
    return year if isinstance(year, int) else None


def _staff_list(data: Any) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    staff = data.get("staff")
    if staff is not None and not isinstance(staff, CommentedSeq):
        raise EditError(
            "not-a-list", _("'{key}' is {value}, not a list").format(key="staff", value=rt.show(staff)), ["staff"]
        )
    return staff


def set_staff(year: int, fte: float, note: str | None = None) -> Edit:
    """Set the staff posts of ``year`` to ``fte`` full-time equivalents (0: none that
    year, which is a fact worth recording). A measure has one entry per year, so an
    existing entry is updated (a second would count the posts twice; its note stays
    unless ``note`` is given); a new one goes after the entries of earlier years."""

    def edit(data: Any, schema: dict[str, Any]) -> list[str]:
        from integ_cli.authoring.edits import assign

        staff = _staff_list(data)
        label = _("staff posts {year}").format(year=year)
        for index, item in enumerate(staff or ()):
            if _staff_year(item) == year:
                changes: list[str] = []
                for key, value in (("fte", fte), ("note", note)):
                    if value is not None:
                        changes += assign(["staff", index, key], value)(data, schema)
                return [f"{label}: " + "; ".join(c.split("].", 1)[-1] for c in changes)] if changes else []
        changes = _raise_version(data)
        entry = ordered(
            {k: v for k, v in (("year", year), ("fte", fte), ("note", note)) if v is not None}, schema, ["staff", 0]
        )
        if staff is None:
            rt.set_key(data, "staff", rt.node([entry], indent=2), key_order(schema))
        else:
            position = len(staff)
            while position > 0 and (_staff_year(staff[position - 1]) or 0) > year:
                position -= 1
            rt.insert_item(staff, position, rt.node(entry, indent=4))
        return [*changes, _("{what} added").format(what=label)]

    return edit


def remove_staff(year: int) -> Edit:
    """Remove the staff posts entry of ``year`` (one entered by mistake); the list
    goes where it becomes empty."""

    def edit(data: Any, _schema: dict[str, Any]) -> list[str]:
        staff = _staff_list(data) or []
        years = [_staff_year(item) for item in staff]
        if year not in years:
            known = ", ".join(str(y) for y in years if y is not None)
            message = (
                _("this measure has no staff posts for {year}; it has them for {years}").format(year=year, years=known)
                if known
                else _("this measure has no staff posts for {year}; it has none").format(year=year)
            )
            raise EditError("no-staff-year", message, ["staff"])
        lines = rt.remove_item(staff, years.index(year))
        if not staff:
            rt.remove_key(data, "staff", lines)
        return [_("staff posts {year} removed").format(year=year)]

    return edit
