from axes.apps import AppConfig as BaseAxesConfig
from django.apps import AppConfig, apps
from django.contrib.admin.apps import AdminConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _

# The apps whose rows readers see: any change to one of their rows is a change of content.
CONTENT_APPS = ("articles", "courts")


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self):
        from .pagecache import bump_content_generation, content_changed

        for label in CONTENT_APPS:
            for model in apps.get_app_config(label).get_models():
                uid = f"newsroom.content:{model._meta.label}"
                post_save.connect(content_changed, sender=model, dispatch_uid=uid + ":save")
                post_delete.connect(content_changed, sender=model, dispatch_uid=uid + ":delete")
                for field in model._meta.local_many_to_many:
                    m2m_changed.connect(
                        content_changed,
                        sender=field.remote_field.through,
                        dispatch_uid=f"{uid}:{field.name}:m2m",
                    )
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
