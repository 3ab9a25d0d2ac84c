from django.urls import path

from . import feeds, views

app_name = "corrections"

urlpatterns = [
    path("corrections/", views.CorrectionListView.as_view(), name="list"),
    path("corrections/feed/", feeds.CorrectionFeed(), name="feed"),
    path("about/corrections/", views.policy, name="policy"),
]
