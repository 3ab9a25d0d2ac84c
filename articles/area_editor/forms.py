"""The area editor's form: one row per area of the page, any of the page's articles to choose."""

import contextlib
import hashlib
from types import SimpleNamespace

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import AREA_DECIMALS, PageArea

EDGES = ["left", "top", "width", "height"]


class PercentInput(forms.NumberInput):
    """A percentage as people write it: 3, 31.33, not 3.0 or 31.333333333333332."""

    def format_value(self, value):
        if isinstance(value, float):
            return f"{round(value, AREA_DECIMALS):g}"
        return super().format_value(value)


class AreaForm(forms.ModelForm):
    # A choice among the page's articles, read once for the whole formset: a model choice
    # field would read them again for every row.
    article = forms.TypedChoiceField(label=_("article"), coerce=int, empty_value=None)

    class Meta:
        model = PageArea
        fields = ["article", *EDGES]

    def __init__(self, *args, articles, **kwargs):
        super().__init__(*args, **kwargs)
        self.articles = articles
        self.fields["article"].choices = [
            ("", "---------"),
            *((pk, f"{article.position}. {article.headline}") for pk, article in articles.items()),
        ]
        for name in EDGES:
            self.fields[name].widget = PercentInput(
                attrs={"step": "0.01", "min": "0", "max": "100", "data-edge": name}
            )
        self.fields["article"].widget.attrs["data-edge"] = "article"

    def clean_article(self):
        pk = self.cleaned_data["article"]
        if pk not in self.articles:
            raise forms.ValidationError(_("Choose one of this page's articles."))
        return self.articles[pk]

    def _rounded(self, name):
        value = self.cleaned_data.get(name)
        return None if value is None else round(value, AREA_DECIMALS)

    def clean_left(self):
        return self._rounded("left")

    def clean_top(self):
        return self._rounded("top")

    def clean_width(self):
        return self._rounded("width")

    def clean_height(self):
        return self._rounded("height")

    def posted(self):
        """This row as sent (rounded as saved), or None when it is deleted, empty or not
        numbers."""
        value = self.data.get
        if not self.prefix or value(self.add_prefix("DELETE")) in ("on", "true", "1"):
            return None
        try:
            numbers = {
                name: round(float(value(self.add_prefix(name))), AREA_DECIMALS) for name in EDGES
            }
            article = int(value(self.add_prefix("article")))
            pk = int(value(self.add_prefix("id")) or 0) or None
        except (TypeError, ValueError):
            return None
        return SimpleNamespace(pk=pk, article_id=article, **numbers)

    def articles_touched(self):
        """The pks of the articles whose areas this row changes: the one it belonged to and the
        one it is given to (readable even when the row is not valid)."""
        deleted = self.prefix and self.data.get(self.add_prefix("DELETE")) in ("on", "true", "1")
        if not (self.has_changed() or deleted):
            return set()
        touched = {self.initial.get("article")}
        with contextlib.suppress(ValueError):
            touched.add(int(self.data.get(self.add_prefix("article")) or 0))
        return {pk for pk in touched if pk in self.articles}


class BaseAreaFormSet(forms.BaseModelFormSet):
    def __init__(self, *args, issue, articles, **kwargs):
        self.issue = issue
        kwargs.setdefault("queryset", areas_of(issue))
        kwargs["form_kwargs"] = {"articles": articles}
        super().__init__(*args, prefix="areas", **kwargs)

    def articles_touched(self, marks):
        """The articles whose areas this editor changed: those whose rows, as sent, are no
        longer what the page showed when it was opened (``marks``: each article's fingerprint
        then). Rows that differ from the database only because someone else changed them
        meanwhile are not this editor's changes. Without a mark, any row that differs counts."""
        rows = {pk: [] for pk in self.articles}
        unsure = set().union(*(form.articles_touched() for form in self.forms))
        touched = set()
        for form in self.forms:
            area = form.posted()
            if area is not None and area.article_id in rows:
                rows[area.article_id].append(area)
            elif form.has_changed():
                touched |= form.articles_touched()  # deleted, or not valid: whatever it names
        for pk, areas in rows.items():
            mark = marks.get(pk)
            if (mark is None and pk in unsure) or (mark is not None and fingerprint(areas) != mark):
                touched.add(pk)
        return touched

    @property
    def articles(self):
        return self.form_kwargs["articles"]


AreaFormSet = forms.modelformset_factory(
    PageArea, form=AreaForm, formset=BaseAreaFormSet, extra=2, can_delete=True
)


def with_stale_rows_as_new(data, known_pks, prefix="areas"):
    """The POST ``data`` with every row that names an area no longer on the page (deleted, or
    its article moved to another page, since the form was opened) turned into a new row, at the
    end. Django's formset would refuse such a row with a puzzling "choose a valid option" on a
    hidden field; as a new row it is saved only for an article this editor changed, after the
    conflict check has shown them what happened."""
    data = data.copy()
    try:
        total = int(data.get(f"{prefix}-TOTAL_FORMS", 0))
        initial = int(data.get(f"{prefix}-INITIAL_FORMS", 0))
    except ValueError:
        return data  # the formset reports a broken management form itself
    names = ["id", "article", *EDGES, "DELETE"]
    rows = [{name: data.get(f"{prefix}-{i}-{name}") for name in names} for i in range(total)]
    kept, moved = [], []
    for i, row in enumerate(rows):
        stale = i < initial and row["id"] and not _known(row["id"], known_pks)
        if stale:
            moved.append({**row, "id": None})
        else:
            (kept if i < initial else moved).append(row)
    for i, row in enumerate(kept + moved):
        for name, value in row.items():
            key = f"{prefix}-{i}-{name}"
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
    data[f"{prefix}-INITIAL_FORMS"] = str(len(kept))
    return data


def _known(value, known_pks):
    try:
        return int(value) in known_pks
    except ValueError:
        return False


def areas_of(issue):
    return PageArea.objects.filter(article__issue=issue).order_by(
        "article__position", "article_id", "pk"
    )


def fingerprint(areas):
    """A short mark of an article's areas as they are: what the editor started from."""
    text = ";".join(
        f"{area.pk}:" + ",".join(f"{getattr(area, edge):.{AREA_DECIMALS}f}" for edge in EDGES)
        for area in sorted(areas, key=lambda area: area.pk or 0)
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def overlapping(areas, articles):
    """Pairs of articles (in print order) that share some of the page: a warning, not an
    error (a picture may sit inside a story's columns)."""
    areas = list(areas)
    pairs = set()
    for i, one in enumerate(areas):
        for other in areas[i + 1 :]:
            if one.article_id != other.article_id and one.overlaps(other):
                pairs.add(tuple(sorted((one.article_id, other.article_id))))
    order = list(articles)
    pairs = sorted(pairs, key=lambda pair: (order.index(pair[0]), order.index(pair[1])))
    return [(articles[a], articles[b]) for a, b in pairs]
