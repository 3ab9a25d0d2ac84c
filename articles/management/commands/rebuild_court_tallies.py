"""
Count every article in the courts' tallies again, from nothing: after a load or a change that
bypassed the models (bulk_create, a queryset update, SQL), which send no signals.

    manage.py rebuild_court_tallies
"""

from django.core.management.base import BaseCommand

from newsroom.generation import bump_content_generation
from newsroom.statistics import analyze

from ...court_counts import rebuild
from ...models import CourtTally, TallyEntry


class Command(BaseCommand):
    help = "Count every article in the courts' article tallies again."

    def handle(self, *args, **options):
        rebuild()
        analyze([TallyEntry, CourtTally])  # the planner's statistics of the new rows
        bump_content_generation()
        self.stdout.write("The court tallies are counted again.")
