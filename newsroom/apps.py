from axes.apps import AppConfig as BaseAxesConfig
from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self):
        # The apps whose rows readers see register them as content in their own ready()
        # (generation.watch_content), and their scheduled rows (generation.register_scheduled).
        from .generation import bump_content_generation

        # A deployment runs migrate: pages rendered by the previous templates go with it.
        post_migrate.connect(
            lambda **kwargs: bump_content_generation(),
            sender=self,
            dispatch_uid="newsroom.content:migrate",
            weak=False,
        )


class AxesConfig(BaseAxesConfig):
    """django-axes (sign-in lockouts), named in the admin's language: its app has no name of its
    own but its label ("AXES")."""

    verbose_name = _("Sign-in protection")


class NewsroomAdminConfig(AdminConfig):
    """django.contrib.admin with the site's own AdminSite (newsroom.admin.NewsroomAdminSite)."""

    default_site = "newsroom.admin.NewsroomAdminSite"
