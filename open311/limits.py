"""How an app learns where it stands against a limit: one documented scheme of headers.

The scheme is GitHub's (and many APIs' after it): `X-RateLimit-Limit` is the number of
requests the window allows, `X-RateLimit-Remaining` how many are left in it, and
`X-RateLimit-Reset` the moment the window ends, in seconds since 1970 (UTC). A refused
request (429) also carries `Retry-After`: the seconds until the window ends (RFC 9110).
The developer page (/open311/) says the same.
"""

import time

HEADERS = ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After")


def add_headers(response, usage):
    """The count of one bucket, as django-ratelimit's get_usage gave it, on `response`."""
    seconds_left = max(int(usage["time_left"]), 1)
    response["X-RateLimit-Limit"] = str(usage["limit"])
    response["X-RateLimit-Remaining"] = str(max(usage["limit"] - usage["count"], 0))
    response["X-RateLimit-Reset"] = str(int(time.time()) + seconds_left)
    if response.status_code == 429:
        response["Retry-After"] = str(seconds_left)
    return response
