"""The cycle collector runs less often within a build, and as before after it."""

from __future__ import annotations

import gc

import pytest

from site_builder.pipeline.collector import THRESHOLDS, fewer_collections


def test_the_thresholds_are_raised_within_and_restored_after_even_on_an_error():
    before = gc.get_threshold()
    with pytest.raises(ValueError), fewer_collections():
        assert gc.get_threshold() == THRESHOLDS
        raise ValueError("坏数据")
    assert gc.get_threshold() == before
