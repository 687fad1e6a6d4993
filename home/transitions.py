"""The one shape of a state change, shared by feedback cases and e-proposals.

A state change is a model method that, inside one transaction, re-reads its row under a lock
(`lock`), checks that the transition is allowed, saves and records the event. When the change is
not allowed it raises `TransitionError` with a Swedish message for the person who tried. Mail and
the admin log are the app's `services.py`; views only orchestrate.
"""

from django.core.exceptions import ValidationError


class TransitionError(ValidationError):
    """A state change the object's current state does not allow; the message is Swedish."""


def lock(instance):
    """Re-read `instance` under a row lock; call inside the transaction that changes it.

    Two staff members acting on the same row at once are then serialised, and the second sees
    the state the first left behind instead of overwriting it.
    """
    manager = type(instance)._default_manager
    instance.refresh_from_db(from_queryset=manager.select_for_update())
    return instance
