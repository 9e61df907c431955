"""Fixed ids of stock rows that the official clients and the schema name."""

from __future__ import annotations

ORIGIN_LOCATION = "ce9b348f-8809-11e3-821c-20c9d081909b"
UNMANAGED_LOCATION = "cb268ecc-8809-11e3-a7e2-20c9d081909b"
REVIEW_LOCATION = "cd41be70-8809-11e3-b98a-20c9d081909b"
SERVER_LOCATION = "3a372bde-05bc-11e4-8908-20c9d081909b"
CONNECT_LOCATION = "07b82a97-8cf9-11e3-9383-20c9d081909b"

OBJECT_TYPES = {
    "Task": "11c137c0-ee7e-4f9c-91c5-8c77cec22b2c",
    "Shot": "bad911de-3bd6-47b9-8b46-3476e237cb36",
    "Sequence": "e5139355-61da-4c8f-9db4-3abc870166bc",
    "Folder": "3c133785-51cb-11e3-980a-20c9d0831e59",
    "AssetBuild": "4be63b64-5010-42fb-bf1f-428af9d638f0",
    "Milestone": "01decdd1-51cb-11e3-9d5b-20c9d0831e59",
    "Episode": "22139355-61da-4c8f-9db4-3abc870166bc",
}

PRIORITY = "9661b320-3a0c-11e2-81c1-0800200c9a66"
STATE_NOT_STARTED = "6c59abf8-4dbf-11e1-9902-f23c91df25eb"
USER_TYPE = "ac9fa5aa-4361-11e0-b7cc-0019bb4983d8"
PROJECT_SCHEMA = "69cb7f92-4dbf-11e1-9902-f23c91df25eb"
#: Ids of our own choosing for the rest of the default project schema.
TASK_WORKFLOW = "5d2a4a0e-6f4b-4c1a-9a44-7c2b7d1e0001"
VERSION_WORKFLOW = "5d2a4a0e-6f4b-4c1a-9a44-7c2b7d1e0002"
TASK_TYPE_SCHEMA = "5d2a4a0e-6f4b-4c1a-9a44-7c2b7d1e0003"
