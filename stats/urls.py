from django.contrib import admin
from django.urls import path

from . import rosters, views

app_name = "stats"

urlpatterns = [
    path("", admin.site.admin_view(views.statistics), name="statistics"),
    path("rosters/", admin.site.admin_view(rosters.roster), name="roster"),
]
