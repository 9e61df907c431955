"""Fixtures for accessor tests: an S3-compatible server on loopback."""

from __future__ import annotations

import uuid

import pytest


@pytest.fixture
def s3_client(s3_endpoint: str) -> object:
    """Return a boto3 S3 client for the loopback server."""
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )


@pytest.fixture
def s3_bucket(s3_client: object) -> str:
    """Create and return a fresh bucket."""
    name = f"bucket-{uuid.uuid4().hex[:12]}"
    s3_client.create_bucket(Bucket=name)  # type: ignore[attr-defined]
    return name
