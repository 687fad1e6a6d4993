"""Charts drawn on our server as inline SVG geometry, so that no script is needed to read them."""

from django.utils.translation import gettext

from .metrics import format_figure


def bar_chart(rows, columns, width=640):
    """Geometry for a horizontal bar chart of share columns, drawn as inline SVG on our server.

    `rows` is [(label, {column_key: value})]. Returns None when there is nothing to draw.
    """
    share_columns = [column for column in columns if column.kind == "share"]
    if not rows or not share_columns:
        return None
    label_height, bar_height, gap, group_gap = 20, 18, 4, 14
    bar_left, bar_width = 8, width - 110
    groups, y = [], 10
    for label, values in rows:
        group = {"label": label, "label_y": y + 14, "bars": []}
        y += label_height + gap
        for index, column in enumerate(share_columns):
            value = values.get(column.key)
            length = 0 if value is None else round(max(0.0, min(1.0, float(value))) * bar_width)
            group["bars"].append(
                {
                    "index": index,
                    "column": column,
                    "x": bar_left,
                    "y": y,
                    "width": length,
                    "height": bar_height,
                    "text_x": bar_left + length + 6,
                    "text_y": y + bar_height - 4,
                    "text": format_figure(column, value)
                    if value is not None
                    else gettext("uppgift saknas"),
                }
            )
            y += bar_height + gap
        y += group_gap
        groups.append(group)
    legend = []
    for index, column in enumerate(share_columns):
        legend.append({"index": index, "label": column.label, "x": bar_left, "y": y})
        y += bar_height + gap
    return {
        "width": width,
        "height": y + 4,
        "groups": groups,
        "legend": legend,
        "columns": share_columns,
        "axis_x": bar_left,
    }
