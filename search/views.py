from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .query import SiteSearch, suggestions


@require_GET
def search(request):
    site_search = SiteSearch(
        request.GET.get("q", ""),
        type_key=request.GET.get("typ", ""),
        area_slug=request.GET.get("omrade", ""),
        page_number=request.GET.get("sida", 1),
    )
    outcome = site_search.run() if site_search.query else None
    return render(
        request,
        "search/search.html",
        {
            "search_query": site_search.query,
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
