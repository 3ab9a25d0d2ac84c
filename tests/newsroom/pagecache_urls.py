"""Two plain views for the page cache's tests: one sets a cookie, one does not."""

from django.http import HttpResponse
from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns


def sets_cookie(request):
    response = HttpResponse("<p>hello</p>")
    response.set_cookie("greeting", "hello")
    return response


def plain(request):
    return HttpResponse("<p>hello</p>")


urlpatterns = [path("cookie/", sets_cookie), path("plain/", plain), *site_urlpatterns]
