from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from home.caching import public_cache

from .query import SiteSearch, clean_query, suggestions
from .results_cache import cached_results

# A proxy in front may keep an anonymous search for this long; it cannot be purged by URL (a
# query is any text), so the time is short. The app itself shows a change at once.
SEARCH_PROXY_SECONDS = 60


@public_cache(max_age=SEARCH_PROXY_SECONDS, s_maxage=SEARCH_PROXY_SECONDS)
@require_GET
def search(request):
    def render_content():
        site_search = SiteSearch(
            request.GET.get("q", ""),
            type_key=request.GET.get("typ", ""),
            area_slug=request.GET.get("omrade", ""),
            page_number=request.GET.get("sida", 1),
        )
        outcome = site_search.run() if site_search.query else None
        return render_to_string(
            "search/content.html",
            {
                "search_query": site_search.query,
                "outcome": outcome,
                "areas": site_search.areas,
                "selected_type": site_search.type_key,
                "selected_area": site_search.area,
            },
            request,
        )

    # The form, the facets and the hits are the same for everyone who sends these
    # parameters: kept per search generation (search/results_cache.py).
    content = cached_results(request.GET, render_content)
    return render(
        request,
        "search/search.html",
        {"search_query": clean_query(request.GET.get("q", "")), "content": mark_safe(content)},  # noqa: S308
    )


@require_GET
def suggest(request):
    return JsonResponse(
        {"suggestions": suggestions(request.GET.get("q", ""))},
        headers={"Cache-Control": "max-age=60"},
    )
