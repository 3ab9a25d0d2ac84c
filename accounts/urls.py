from django.contrib import admin
from django.urls import path

from .views import my_account

urlpatterns = [path("", admin.site.admin_view(my_account), name="my_account")]
