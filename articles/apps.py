from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Editions and articles")

    def ready(self):
        from newsroom import generation, uploads, warmup

        from . import court_counts
        from .media import is_public_upload, staff_may_fetch
        from .models import Article, CourtTally, Issue, TallyEntry
        from .renditions import register_media_types
        from .search import index, segmentation

        index.connect()
        court_counts.connect()
        # Readers see these rows: any change to them is a change of content, and scheduled
        # articles and editions become public at their publish time. (The court tallies follow
        # the others: court_counts.py renews the generation itself when it has recounted.)
        tallies = (CourtTally, TallyEntry)
        generation.watch_content([m for m in self.get_models() if m not in tallies])
        generation.register_scheduled(Article.objects.scheduled)
        generation.register_scheduled(Issue.objects.scheduled)
        warmup.register(segmentation.segmenter.warm_up)
        # Readers fetch a photo, page image, page PDF or body image only while it is public.
        uploads.register_public_uploads(is_public_upload)
        # Staff fetch the others only where they may see what uses them.
        uploads.register_staff_uploads(staff_may_fetch)
        register_media_types()
