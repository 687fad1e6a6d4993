"""Charts drawn on our server as inline SVG geometry, so that no script is needed to read them."""

from django.utils.translation import gettext

# A small chart is drawn at its own size in CSS pixels (the SVG's width and viewBox agree),
# and this width fits a 375 px phone beside the page's margins and the card's padding, so its
# text keeps its font size (14 px, see compare.css); on a 320 px screen it shrinks to 12.7 px.
TREND_WIDTH = 288


def trend_chart(series, width=TREND_WIDTH):
    """Geometry for one unit's small chart: for each series (a share column), one horizontal
    bar per year. `series` is [(label, [(year, share 0.0-1.0 or None, shown text)])].
    Returns None when there is nothing to draw."""
    if not series:
        return None
    label_height, bar_height, row_height, group_gap = 20, 14, 20, 10
    year_width, value_width = 44, 58
    bar_width = width - year_width - value_width
    groups, y = [], 0
    for label, points in series:
        group = {"label": label, "label_y": y + 15, "bars": []}
        y += label_height + 2
        for year, share, text in points:
            length = 0 if share is None else round(max(0.0, min(1.0, share)) * bar_width)
            group["bars"].append(
                {
                    "year": year,
                    "year_y": y + bar_height - 2,
                    "x": year_width,
                    "y": y,
                    "width": length,
                    "height": bar_height,
                    "text_x": year_width + length + 6,
                    "text_y": y + bar_height - 2,
                    "text": text if share is not None else gettext("uppgift saknas"),
                    "missing": share is None,
                }
            )
            y += row_height
        y += group_gap
        groups.append(group)
    return {
        "width": width,
        "height": y,
        "groups": groups,
        "bar_x": year_width,
        "bar_width": bar_width,
    }
