from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CourtsConfig(AppConfig):
    name = "courts"
    verbose_name = _("Courts")

    def ready(self):
        from newsroom import generation

        from . import merging  # noqa: F401 - connects the refusal to delete a court in use

        # Readers see the courts: any change to one is a change of content.
        generation.watch_content(self.get_models())
