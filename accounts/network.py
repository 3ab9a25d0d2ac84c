"""The address a request came from, for django-axes, behind any number of trusted proxies."""

from django.conf import settings


def client_ip(request):
    """The client's address as the first trusted proxy saw it.

    With PROXY_COUNT = 0 (no proxy) it is REMOTE_ADDR and X-Forwarded-For is ignored, since a
    client can write that header. Behind N proxies that each append the address they received
    from, the client's is the N-th entry from the right; whatever is left of it the client
    may have forged.
    """
    count = settings.PROXY_COUNT
    if count:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
