"""Failures a user can fix: the message names the cause and the path, and is all `parley` prints."""


class ParleyError(Exception):
    """An expected failure (bad argument, foreign folder, damaged file): no traceback needed."""


class InputError(ParleyError):
    """The articles folder is missing, or empty where a run would empty the warehouse."""
