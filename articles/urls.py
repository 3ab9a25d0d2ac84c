from django.urls import path, re_path

from . import feeds, uploads
from .views import articles as views
from .views import editions, previews
from .views import feeds as feed_pages

app_name = "articles"

urlpatterns = [
    path("issues/", editions.IssueListView.as_view(), name="issues"),
    path("issues/<int:year>/", editions.IssueListView.as_view(), name="issues_year"),
    path("issues/<int:year>/<int:month>/", editions.IssueListView.as_view(), name="issues_month"),
    path("issues/<isodate:date>/<int:page>/", editions.IssueDetailView.as_view(), name="issue"),
    path("articles/", views.ArticleListView.as_view(), name="list"),
    path("articles/feed/", feeds.ArticleFeed(), name="feed"),
    path("feeds/", feed_pages.feed_list, name="feeds"),
    path("articles/<int:pk>/", views.article_redirect, name="short"),
    re_path(
        r"^articles/(?P<pk>\d+)/(?P<slug>[-\w]+)/$",
        views.ArticleDetailView.as_view(),
        name="detail",
    ),
    path("contributors/<int:pk>/", views.ContributorDetailView.as_view(), name="contributor"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("preview/articles/<int:pk>/", previews.ArticlePreviewView.as_view(), name="preview"),
    path("preview/issues/<int:pk>/", previews.IssuePreviewView.as_view(), name="issue_preview"),
    path("editor/upload-image/", uploads.upload_image, name="upload_image"),
]
