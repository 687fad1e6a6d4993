"""A guarantee's public history: what changed in each published version, from Wagtail's
revisions.

Wagtail keeps every revision of a page and logs each publish (`wagtail.publish`, naming the
revision it made live and when). The published revisions, oldest first, compared pairwise,
give the list a resident reads: a commitment added, changed or removed, and which other parts
of the guarantee changed, dated by the publish (which is the committee's approval: the
workflow publishes on approval). No table of our own: the revisions and the log are the record.
Nothing about the editor is read or shown.

Comparing revisions is work, so it is done once per publish of the page, never per view: the
result is kept in the shared cache under the page's live revision (a new publish names a new
one), computed after the publish commits (`warm`, connected in guarantees/frontend_cache.py)
or, failing that, by the first view that needs it. The guarantee page itself keeps the
rendered history in its fragments (home/fragments.py), so a view reads nothing for it.

Limits: Wagtail's `purge_revisions` command deletes old revisions that are no longer live;
run it with `--days` long enough to keep the history that should stay public (the history
shows what the remaining revisions say). The area's and the city-wide commitments have their
own pages and are not part of a unit's history.
"""

from django.core.cache import caches
from django.utils import timezone

# The unit's own commitments, as stored in a revision's content, and what a resident sees
# of each. The version is part of the cache key: a change of the shape below is a new key.
COMMITMENT_FIELDS = (
    "title",
    "expected_result",
    "quality_criterion",
    "way_of_working",
    "follow_up_method",
)
# The other parts of the guarantee, by the section that shows them (keys named in
# guarantee/history.html). The title and slug are Wagtail's and not listed.
SECTIONS = {
    "idea": ("unit_name", "provider", "district", "idea"),
    "remedy": ("feedback_recipient", "reply_working_days", "remedy", "escalation"),
    "contact": ("address", "opening_hours", "phone", "phone_hours", "email", "contact_person"),
    "decision": ("valid_from", "valid_to", "committee", "decision_date", "record_number"),
}
CACHE_VERSION = 1
# Kept a while after the page is published again (a new key); then culled by the cache.
CACHE_SECONDS = 30 * 24 * 3600


def _cache_key(page_id, revision_id):
    return f"guarantee-history:{CACHE_VERSION}:{page_id}:{revision_id}"


def _commitments(content):
    return [
        {"pk": item.get("pk"), **{name: item.get(name) or "" for name in COMMITMENT_FIELDS}}
        for item in sorted(content.get("commitments") or [], key=lambda c: c.get("sort_order") or 0)
    ]


def _pair(before, after):
    """Pairs (old, new) of the same commitment in two published versions, and the removed and
    added ones. The same commitment keeps its id once saved; one added in a version has no id
    in that version's revision (Wagtail saves it only on publish) and has a new id in the next
    one, so those pair up in their order."""
    old_by_pk = {c["pk"]: c for c in before if c["pk"] is not None}
    pairs, added, matched = [], [], set()
    for commitment in after:
        old = old_by_pk.get(commitment["pk"]) if commitment["pk"] is not None else None
        if old is not None:
            pairs.append((old, commitment))
            matched.add(old["pk"])
        else:
            added.append(commitment)
    removed = [c for c in before if c["pk"] is not None and c["pk"] not in matched]
    unsaved = [c for c in before if c["pk"] is None]
    # Saved at that publish: a new id in this version for an id-less one in the last.
    still_added = []
    for commitment in added:
        if unsaved and commitment["pk"] is not None:
            pairs.append((unsaved.pop(0), commitment))
        else:
            still_added.append(commitment)
    return pairs, removed + unsaved, still_added


def compare(before, after):
    """What changed from one published revision's content to the next, as plain values (kept
    in the cache): {"added": [title], "removed": [title], "changed": [...], "sections": [key]}.
    """
    pairs, removed, added = _pair(_commitments(before), _commitments(after))
    changed = []
    for old, new in pairs:
        fields = [name for name in COMMITMENT_FIELDS if old[name] != new[name]]
        if fields:
            changed.append(
                {
                    "title": new["title"],
                    "old_title": old["title"] if "title" in fields else "",
                    "expected_result": new["expected_result"],
                    "old_expected_result": (
                        old["expected_result"] if "expected_result" in fields else ""
                    ),
                    "other_fields": [
                        name for name in fields if name not in ("title", "expected_result")
                    ],
                }
            )
    sections = [
        key
        for key, names in SECTIONS.items()
        if any(before.get(name) != after.get(name) for name in names)
    ]
    return {
        "added": [c["title"] for c in added],
        "removed": [c["title"] for c in removed],
        "changed": changed,
        "sections": sections,
    }


def _published_revisions(page):
    """[(when, revision id)] of the page's publishes, oldest first; the live revision last
    even if its publish was not logged."""
    from wagtail.models import PageLogEntry

    published = list(
        PageLogEntry.objects.filter(
            page_id=page.pk, action="wagtail.publish", revision_id__isnull=False
        )
        .order_by("timestamp", "pk")
        .values_list("timestamp", "revision_id")
    )
    live = page.live_revision_id
    if live is not None and (not published or published[-1][1] != live):
        published.append((page.last_published_at or timezone.now(), live))
    return published


def compute(page):
    """The page's history, newest first: [{"date": date, "first": bool, **compare(...)}].
    A publish that changed nothing a resident sees is left out."""
    from wagtail.models import Revision

    published = _published_revisions(page)
    contents = dict(
        Revision.objects.filter(id__in={revision for _when, revision in published}).values_list(
            "id", "content"
        )
    )
    entries, before = [], None
    for when, revision in published:
        content = contents.get(revision)
        if content is None:  # purged (see the module's note)
            continue
        date = timezone.localdate(when) if timezone.is_aware(when) else when.date()
        if before is None:
            entries.append({"date": date, "first": True})
        else:
            change = compare(before, content)
            if any(change.values()):
                entries.append({"date": date, "first": False, **change})
        before = content
    entries.reverse()
    return entries


class History:
    """What a guarantee page shows of its history."""

    def __init__(self, entries, fallback_date=None):
        self.entries = entries
        self._fallback = fallback_date

    @property
    def last_changed(self):
        """The date of the latest published change; the last publish when no revision says."""
        if self.entries:
            return self.entries[0]["date"]
        return self._fallback

    @property
    def changes(self):
        """The entries after the first publication: what a resident may have missed."""
        return [entry for entry in self.entries if not entry["first"]]

    def __bool__(self):
        return bool(self.entries)


def history_of(page):
    """The history of the published `page`: from the shared cache, computed only when this
    live revision has not been compared yet."""
    fallback = timezone.localdate(page.last_published_at) if page.last_published_at else None
    if page.pk is None or page.live_revision_id is None:
        return History([], fallback)
    cache = caches["shared"]
    key = _cache_key(page.pk, page.live_revision_id)
    entries = cache.get(key)
    if entries is None:
        entries = compute(page)
        cache.set(key, entries, CACHE_SECONDS)
    return History(entries, fallback)


def warm(page_id):
    """Compare the revisions of a page just published, so that no view has to."""
    from .models import GuaranteePage

    page = GuaranteePage.objects.filter(pk=page_id).first()
    if page is not None and page.live_revision_id is not None:
        caches["shared"].set(
            _cache_key(page.pk, page.live_revision_id), compute(page), CACHE_SECONDS
        )
