"""Branding colours stay readable: white text on the primary colour passes WCAG AA."""

from __future__ import annotations

import pytest

from kiosk.branding import AA_TEXT, DEFAULT_PRIMARY, contrast_ratio, readable_primary


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#ffffff", "#767676") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("color", ["#f2a900", "#ffeb3b", "#8fd3fe", "#ff69b4", "#cccccc"])
def test_a_light_brand_colour_is_darkened_until_white_text_passes(color):
    assert contrast_ratio("#ffffff", color) < AA_TEXT
    fixed = readable_primary(color)
    assert contrast_ratio("#ffffff", fixed) >= AA_TEXT
    assert fixed != DEFAULT_PRIMARY  # still the organisation's hue, only darker


def test_a_good_colour_is_kept_and_nonsense_falls_back():
    assert readable_primary("#1b5e9e") == "#1b5e9e"
    assert readable_primary("blue-ish") == DEFAULT_PRIMARY
    assert readable_primary(None) == DEFAULT_PRIMARY
