from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrectionsConfig(AppConfig):
    name = "corrections"
    verbose_name = _("Corrections")

    def ready(self):
        from django.db.models.signals import post_save

        from articles import hooks
        from articles.models import Issue
        from newsroom import generation

        from . import feeds, printing, public
        from .models import latest_correction, latest_public_correction

        # Readers see corrections and the policy page: any change to one is a change of content.
        generation.watch_content(self.get_models())
        hooks.register_page_extension(public.extend_article_page)
        hooks.register_last_modified(latest_correction, latest_public_correction)
        hooks.register_feed("corrections", feeds.CorrectionFeed.title, "corrections:feed")
        post_save.connect(
            printing.edition_saved, sender=Issue, dispatch_uid="corrections.place_waiting"
        )
