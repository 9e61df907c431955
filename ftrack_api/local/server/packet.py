"""Socket.io 0.9 packets: ``<type>:<message id>:<endpoint>:<data>``.

Only the parts of the protocol the ftrack clients use are modelled: the
packet types below, an optional message id (a trailing ``+`` asks for the
acknowledgement to carry data) and the event payload
``{"name": ..., "args": [...]}``.
"""

from __future__ import annotations

import dataclasses
import enum
import json
from typing import Any


class PacketType(enum.IntEnum):
    """Kind of a socket.io 0.9 packet."""

    DISCONNECT = 0
    CONNECT = 1
    HEARTBEAT = 2
    MESSAGE = 3
    JSON = 4
    EVENT = 5
    ACK = 6
    ERROR = 7
    NOOP = 8


class PacketError(ValueError):
    """Raise when a text frame is not a socket.io 0.9 packet."""


@dataclasses.dataclass(frozen=True)
class Packet:
    """One socket.io 0.9 packet."""

    type: PacketType
    message_id: str = ""
    endpoint: str = ""
    data: str = ""

    @property
    def wants_ack_data(self) -> bool:
        """Return whether the sender asked for an acknowledgement with data."""
        return self.message_id.endswith("+")

    @property
    def ack_id(self) -> str:
        """Return the message id without its ``+`` marker."""
        return self.message_id.rstrip("+")

    def encode(self) -> str:
        """Return the packet as a text frame."""
        head = f"{int(self.type)}:{self.message_id}:{self.endpoint}"
        if self.data or self.type in (PacketType.EVENT, PacketType.ACK):
            return f"{head}:{self.data}"
        return head


def decode(frame: str) -> Packet:
    """Return the packet in the text *frame*.

    Raise :exc:`PacketError` when the type is missing or unknown.
    """
    parts = frame.split(":", 3)
    try:
        packet_type = PacketType(int(parts[0]))
    except ValueError as error:
        raise PacketError(f"Invalid socket.io packet {frame[:80]!r}.") from error
    parts += [""] * (4 - len(parts))
    return Packet(packet_type, parts[1], parts[2], parts[3])


def event(name: str, *args: Any) -> Packet:
    """Return an event packet named *name* carrying *args*."""
    return Packet(PacketType.EVENT, data=_dump({"name": name, "args": list(args)}))


def ack(message_id: str, *args: Any) -> Packet:
    """Return the acknowledgement of message *message_id* with *args*."""
    return Packet(PacketType.ACK, data=f"{message_id}+{_dump(list(args))}")


def event_payload(packet: Packet) -> tuple[str, list[Any]]:
    """Return the name and arguments of an event *packet*.

    Raise :exc:`PacketError` when its data is not an event object.
    """
    try:
        payload = json.loads(packet.data)
    except ValueError as error:
        raise PacketError(f"Invalid event data {packet.data[:80]!r}.") from error
    if not isinstance(payload, dict) or not isinstance(payload.get("name"), str):
        raise PacketError(f"Invalid event data {packet.data[:80]!r}.")
    args = payload.get("args", [])
    if not isinstance(args, list):
        args = [args]
    return payload["name"], args


def _dump(value: Any) -> str:
    """Return *value* as compact JSON that keeps non-ASCII text readable."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


CONNECT = Packet(PacketType.CONNECT)
HEARTBEAT = Packet(PacketType.HEARTBEAT)
DISCONNECT = Packet(PacketType.DISCONNECT)
