"""Identifiers: short random strings, easy to type on the command line and unique per map."""

import secrets

_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford base32: no i, l, o, u
_LENGTH = 10  # 50 bits: a collision among a million ids has odds below one in two thousand


def new_id(prefix: str) -> str:
    """A new id such as ``n-4k2x9d0c1m``; the prefix tells nodes, edges, documents... apart."""
    return prefix + "-" + "".join(secrets.choice(_ALPHABET) for _ in range(_LENGTH))
