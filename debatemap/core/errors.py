"""The error types every layer raises; a DebatemapError's message is fit to show a user."""


class DebatemapError(Exception):
    """Base of every error the application reports to the user (one line, no traceback)."""


class DomainError(DebatemapError):
    """An edit would break an invariant of the argument map."""


class SelfLinkError(DomainError):
    pass


class DuplicateEdgeError(DomainError):
    pass


class MissingItemError(DomainError):
    """A node, edge, document or participant that is referred to does not exist."""


class InvalidEdgeError(DomainError):
    """An edge whose endpoints do not fit its type (e.g. a premise that points at a claim)."""


class InvalidValueError(DomainError):
    """A value outside its domain: blank text, an unknown kind, offsets outside a document."""
