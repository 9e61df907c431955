"""Tests for the socket.io 0.9 packet codec."""

from __future__ import annotations

import json

import pytest

from ftrack_api.local.server import packet
from ftrack_api.local.server.packet import Packet, PacketError, PacketType


@pytest.mark.parametrize(
    ("frame", "expected"),
    [
        ("1::", Packet(PacketType.CONNECT)),
        ("2::", Packet(PacketType.HEARTBEAT)),
        ("2:::", Packet(PacketType.HEARTBEAT)),
        ("0::", Packet(PacketType.DISCONNECT)),
        ("5:3+::{}", Packet(PacketType.EVENT, "3+", "", "{}")),
        ("3:::a:b:c", Packet(PacketType.MESSAGE, "", "", "a:b:c")),
    ],
)
def test_decode_splits_on_the_first_three_colons(frame: str, expected: Packet) -> None:
    """A frame splits into type, message id, endpoint and data."""
    assert packet.decode(frame) == expected


@pytest.mark.parametrize("frame", ["", "x::", "9::", ":::"])
def test_decode_rejects_unknown_packet_types(frame: str) -> None:
    """A frame without a known packet type raises PacketError."""
    with pytest.raises(PacketError):
        packet.decode(frame)


@pytest.mark.parametrize(
    ("built", "frame"),
    [
        (packet.CONNECT, "1::"),
        (packet.HEARTBEAT, "2::"),
        (packet.DISCONNECT, "0::"),
        (packet.ack("7", {"success": True}), '6:::7+[{"success":true}]'),
    ],
)
def test_encode_matches_the_frames_the_official_client_expects(
    built: Packet, frame: str
) -> None:
    """Server packets encode exactly as the official hub parses them."""
    assert built.encode() == frame


def test_event_packet_round_trips_its_name_and_arguments() -> None:
    """An event packet carries its name and arguments as JSON, non-ASCII kept."""
    frame = packet.event("ftrack.event", {"topic": "é"}).encode()

    assert frame.startswith("5:::")
    assert json.loads(frame[4:]) == {"name": "ftrack.event", "args": [{"topic": "é"}]}
    assert packet.event_payload(packet.decode(frame)) == (
        "ftrack.event",
        [{"topic": "é"}],
    )


@pytest.mark.parametrize("data", ["not json", "[]", '{"args": []}'])
def test_event_payload_rejects_data_that_is_not_an_event(data: str) -> None:
    """Event data without a name raises PacketError."""
    with pytest.raises(PacketError):
        packet.event_payload(Packet(PacketType.EVENT, data=data))


def test_ack_id_strips_the_data_marker() -> None:
    """A message id ending in '+' asks for acknowledgement data."""
    received = packet.decode("5:12+::{}")

    assert received.wants_ack_data
    assert received.ack_id == "12"
