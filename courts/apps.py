from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CourtsConfig(AppConfig):
    name = "courts"
    verbose_name = _("Courts")

    def ready(self):
        from . import merging  # noqa: F401 - connects the refusal to delete a court in use
