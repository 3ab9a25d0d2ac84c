from django.urls import path

from .feeds import CourtArticleFeed
from .views import courts as views

app_name = "courts"

urlpatterns = [
    path("", views.CourtListView.as_view(), name="list"),
    path("<slug:slug>/", views.CourtDetailView.as_view(), name="detail"),
    path("<slug:slug>/feed/", CourtArticleFeed(), name="feed"),
]
