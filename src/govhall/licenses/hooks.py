"""Extension points for other apps (STYLE.md: no signals).

- ``on_renewal_due``: ``(license_info, days_left) -> None`` — called once per licence, 30 days
  before expiry, by the reminder sweep inside its transaction (notifications register here; they
  should enqueue the sending).
- ``on_status_change``: ``(license_info) -> None`` — after issue / revoke / cancel / replace.
"""

from __future__ import annotations

from collections.abc import Callable

from govhall.licenses.contracts import LicenseInfo

RenewalReaction = Callable[[LicenseInfo, int], None]
StatusReaction = Callable[[LicenseInfo], None]

on_renewal_due: list[RenewalReaction] = []
on_status_change: list[StatusReaction] = []


def register_on_renewal_due(reaction: RenewalReaction) -> None:
    if reaction not in on_renewal_due:
        on_renewal_due.append(reaction)


def register_on_status_change(reaction: StatusReaction) -> None:
    if reaction not in on_status_change:
        on_status_change.append(reaction)
