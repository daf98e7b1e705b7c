"""The explorer page.

The data it shows (view), its layout and palette, and the HTML it is rendered into.
"""
