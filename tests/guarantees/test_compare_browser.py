"""The comparison of units in Chromium at 320, 375 and 1280 px (issue 32 item 5), measured by
the boxes the browser lays out: each unit's first figures beside its name, nothing drawn over
a name, no card wider than the screen, and at 1280 px a visible cue when a table has more
columns than fit."""

import pytest
from wagtail import hooks

from guarantees.metrics import SHARE, Column, MetricsProvider
from home.years import previous_year
from tests.factories import make_guarantee

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


class ManyFigures(MetricsProvider):
    """Enough columns that a table is wider than a 1280 px screen, as key figures make it."""

    heading = "Nyckeltal från enkäten"
    columns = [Column(f"enkat_{n}", f"Nöjda vårdnadshavare, fråga {n}", SHARE) for n in range(1, 7)]

    def compute(self, units, year):
        return {unit.pk: {f"enkat_{n}": 0.75 for n in range(1, 7)} for unit in units}


def _publish_follow_up(unit, year):
    from guarantees.followup.models import YearlyFollowUp

    follow_up = YearlyFollowUp.start(unit, year)
    follow_up.outcomes.update(outcome="met")
    follow_up.is_published = True
    follow_up.save()


@pytest.fixture
def comparison(service_area, guarantee):
    make_guarantee(service_area, title="Förskolan Lärkan")
    make_guarantee(service_area, title="Montessoriförskolan Humlan", provider="Humlan Förskolor AB")
    for unit in service_area.units():
        for year in range(previous_year() - 2, previous_year() + 1):
            _publish_follow_up(unit, year)
    with hooks.register_temporarily("register_unit_metrics", ManyFigures):
        yield service_area.url + "jamfor/"


# For each table row: the name's cell, its text's boxes and the first figure's cell, as laid
# out with the region scrolled to its start; the region's own box.
ROWS_AT_START = """
() => [...document.querySelectorAll('.compare-scroll')].map(region => {
  region.scrollLeft = 0;
  const box = region.getBoundingClientRect();
  return {
    region: {left: box.left, right: box.right},
    rows: [...region.querySelectorAll('tbody tr')].map(row => {
      const name = row.querySelector('th').getBoundingClientRect();
      const figure = row.querySelector('td').getBoundingClientRect();
      const text = [...row.querySelector('th a').getClientRects()].map(r => r.right);
      return {name: {left: name.left, right: name.right}, text,
              figure: {left: figure.left, right: figure.right}};
    }),
  };
})
"""

# With each region scrolled step by step to its end: every figure that has slid under a
# name is hidden by it (the topmost element at the figure's text is the name's cell).
FIGURES_DRAWN_OVER_NAMES = """
() => {
  const found = [];
  for (const region of document.querySelectorAll('.compare-scroll')) {
    const end = region.scrollWidth - region.clientWidth;
    for (let left = 0; left <= end; left += 40) {
      region.scrollLeft = left;
      for (const row of region.querySelectorAll('tbody tr')) {
        // Into the viewport: elementFromPoint sees only what is on the screen.
        window.scrollTo(0, row.getBoundingClientRect().top + window.scrollY - innerHeight / 2);
        const name = row.querySelector('th');
        const box = name.getBoundingClientRect();
        for (const cell of row.querySelectorAll('td')) {
          const range = document.createRange();
          range.selectNodeContents(cell);
          for (const r of range.getClientRects()) {
            const from = Math.max(r.left, box.left), to = Math.min(r.right, box.right);
            if (to - from < 1) continue;  // not under the name (sub-pixel edges aside)
            const x = (from + to) / 2, y = r.top + r.height / 2;
            const top = document.elementFromPoint(x, y);
            if (!top || !name.contains(top)) {
              found.push(`${cell.textContent} over ${name.textContent}`);
            }
          }
        }
      }
    }
    region.scrollLeft = 0;
  }
  return found;
}
"""


@pytest.mark.parametrize("width", [320, 375])
def test_on_a_phone_each_units_figures_stand_beside_its_name_and_nothing_overflows(
    page, comparison, width
):
    page.set_viewport_size({"width": width, "height": 740})
    page.goto(comparison)
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # The trend cards and their charts fit the screen.
    cards = page.eval_on_selector_all(
        ".trend",
        """cs => cs.map(c => [c.getBoundingClientRect().right,
                              c.querySelector('svg').getBoundingClientRect().right])""",
    )
    assert cards and all(card <= width and chart <= card for card, chart in cards)
    sizes = page.eval_on_selector_all(
        ".trend__svg text",
        "ts => ts.map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)",
    )
    assert min(sizes) >= 12

    tables = page.evaluate(ROWS_AT_START)
    assert len(tables) == 3
    for table in tables:
        region = table["region"]
        for row in table["rows"]:
            # The name's words stay inside its cell.
            assert max(row["text"]) <= row["name"]["right"] + 0.5
            # The first figure stands beside the name, whole, inside the visible region.
            assert row["figure"]["left"] >= row["name"]["right"] - 0.5
            assert row["figure"]["right"] <= region["right"]
    assert page.evaluate(FIGURES_DRAWN_OVER_NAMES) == []
    assert page.watch.console_errors == []


def test_at_1280_px_a_table_wider_than_the_screen_says_that_more_columns_follow(page, comparison):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(comparison)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    wide = page.locator(".compare-section").filter(has_text="Nyckeltal från enkäten")
    region = page.get_by_role(
        "region", name="Nyckeltal från enkäten, tabell som kan rullas i sidled"
    )
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")

    # Said in words above each table wider than its region, and only there.
    hint = wide.locator(".compare-more")
    assert hint.is_visible() and "fler kolumner" in hint.inner_text()
    assert region.get_attribute("aria-describedby") == hint.get_attribute("id")
    said = page.eval_on_selector_all(
        ".compare-section",
        """ss => ss.map(s => [!s.querySelector('.compare-more').hidden,
                              s.querySelector('.compare-scroll').scrollWidth >
                              s.querySelector('.compare-scroll').clientWidth])""",
    )
    assert all(shown == overflowing for shown, overflowing in said)
    frame = wide.locator(".compare-window")

    def shade(side):
        return frame.evaluate(f"f => parseFloat(getComputedStyle(f, '::{side}').opacity)")

    assert shade("after") == 1 and shade("before") == 0

    # The keyboard scrolls it: the shade moves to the start once the end is reached.
    region.focus()
    for _ in range(60):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "r => r.scrollLeft >= r.scrollWidth - r.clientWidth - 1",
        arg=region.element_handle(),
    )
    page.wait_for_function(
        "f => f.hasAttribute('data-more-start') && !f.hasAttribute('data-more-end')",
        arg=frame.element_handle(),
    )
    assert page.evaluate(FIGURES_DRAWN_OVER_NAMES) == []

    # One year only: the feedback table fits, and nothing says otherwise.
    page.goto(f"{comparison}?ar={previous_year() - 2}")
    fits = page.locator(".compare-section").filter(has_text="Synpunkter och klagomål")
    assert fits.locator(".compare-scroll").evaluate("r => r.scrollWidth <= r.clientWidth")
    assert not fits.locator(".compare-more").is_visible()
    assert fits.locator(".compare-window").evaluate(
        "f => !f.hasAttribute('data-more-start') && !f.hasAttribute('data-more-end')"
    )
    assert page.watch.console_errors == []
