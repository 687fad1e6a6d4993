from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from home.caching import public_cache

from .query import SiteSearch, suggestions

# A proxy in front may keep an anonymous search for this long; it cannot be purged by URL (a
# query is any text), so the time is short. The app itself shows a change at once.
SEARCH_PROXY_SECONDS = 60


@public_cache(max_age=SEARCH_PROXY_SECONDS, s_maxage=SEARCH_PROXY_SECONDS)
@require_GET
def search(request):
    site_search = SiteSearch(
        request.GET.get("q", ""),
        type_key=request.GET.get("typ", ""),
        area_slug=request.GET.get("omrade", ""),
        page_number=request.GET.get("sida", 1),
    )
    outcome = site_search.run() if site_search.query else None
    # The query is not handed to the page shell as `search_query`: the header's kept part
    # (home/fragments.py) would then be rendered anew for every distinct query. The page's
    # own search form, first on the page, holds the query.
    return render(
        request,
        "search/search.html",
        {
            "query": site_search.query,
            "outcome": outcome,
            "areas": site_search.areas,
            "selected_type": site_search.type_key,
            "selected_area": site_search.area,
        },
    )


@require_GET
def suggest(request):
    return JsonResponse(
        {"suggestions": suggestions(request.GET.get("q", ""))},
        headers={"Cache-Control": "max-age=60"},
    )
