"""Frame and read socket.io 0.9 packets, as the event hub speaks them.

A packet is text of the form ``<type>:<message id>:<endpoint>:<data>``; the
message id ends in ``+`` when the sender wants the acknowledgement to carry
data. Received packets are split on their first three colons, and one, three
or four parts are accepted.
"""

from __future__ import annotations

import enum
from typing import NamedTuple

from ftrack_api.exception import EventHubPacketError

#: The socket.io event name under which ftrack events travel.
EVENT_NAME = "ftrack.event"


class PacketType(str, enum.Enum):
    """The socket.io 0.9 packet types."""

    DISCONNECT = "0"
    CONNECT = "1"
    HEARTBEAT = "2"
    MESSAGE = "3"
    JSON = "4"
    EVENT = "5"
    ACKNOWLEDGE = "6"
    ERROR = "7"
    NOOP = "8"


class Packet(NamedTuple):
    """One decoded packet; absent parts are empty strings."""

    code: str
    identifier: str
    endpoint: str
    data: str


def encode_packet(code: str, identifier: str = "", data: str = "") -> str:
    """Return the text of one packet with an empty endpoint."""
    return f"{code}:{identifier}::{data}"


def decode_packet(text: object) -> Packet:
    """Return the parts of packet *text*.

    Raise :class:`~ftrack_api.exception.EventHubPacketError` for anything that
    is not text with one, three or four colon-separated parts and a known
    packet type.
    """
    if not isinstance(text, str):
        raise EventHubPacketError(
            "Received invalid packet {packet!r}.", details={"packet": text}
        )
    parts = text.split(":", 3)
    if len(parts) == 2:
        raise EventHubPacketError(
            "Received invalid packet {packet!r}.", details={"packet": text}
        )
    parts.extend([""] * (4 - len(parts)))
    if parts[0] not in _CODES:
        raise EventHubPacketError(
            "Received packet of unknown type {packet!r}.", details={"packet": text}
        )
    return Packet(*parts)


_CODES = {member.value for member in PacketType}
