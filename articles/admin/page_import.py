"""
The admin's "import a page" form: upload or paste a printed page's text, see what was understood,
then save it.

The preview runs the whole import and rolls it back, so it shows exactly what saving will do
(new courts and contributors included) while nothing is kept. The confirm step carries the text
in a signed, time-limited field: what is saved is what was previewed, and a forged or stale form
gets a message, not an error page.
"""

import io

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from PIL import Image

from .. import workflow
from ..importing.loader import import_page
from ..importing.pdf import pending
from ..importing.pdf.loader import import_pdf
from ..importing.text import PageError, decode
from ..models import Issue
from ..uploads import named_as_pdf, not_a_pdf

MAX_BYTES = 1024 * 1024  # a page's text is some 10 KB; anything near this is not one
SIGNING_SALT = "articles.admin_import"  # the signed previews' salt, unchanged by the move
PREVIEW_LIFETIME = 6 * 60 * 60  # seconds a preview may be confirmed in
ADD_PERMISSIONS = ["articles.add_issue", "articles.add_article"]
CHANGE_PERMISSIONS = ["articles.change_issue", "articles.change_article"]
PUBLISH_PERMISSIONS = [workflow.PUBLISH_ISSUE, workflow.PUBLISH_ARTICLE]


class PageImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Page text file or PDF"),
        required=False,
        help_text=gettext_lazy(
            "The page's PDF from the layout system (its page image, articles and their areas "
            "are read from it), or UTF-8 text as extracted, with or without Markdown marks."
        ),
    )
    text = forms.CharField(
        label=gettext_lazy("or paste the text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 90}),
    )
    date = forms.DateField(
        label=gettext_lazy("Edition date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("Only when the text does not give it, or gives it wrongly."),
    )
    page_number = forms.IntegerField(
        label=gettext_lazy("Page number"),
        required=False,
        min_value=1,
        max_value=999,
        help_text=gettext_lazy("Only when the text does not give it (版)."),
    )
    # The name of the file whose text was put in the box after an error (see PageImportView).
    file_name = forms.CharField(required=False, max_length=255, widget=forms.HiddenInput)
    publish = forms.BooleanField(
        label=gettext_lazy("Publish at once"),
        required=False,
        help_text=gettext_lazy(
            "For back issues: the edition and its articles go public, dated 06:00 on the "
            "edition's date. Otherwise everything is saved as drafts."
        ),
    )

    submit = forms.BooleanField(
        label=gettext_lazy("Save the articles as waiting for review"),
        required=False,
        help_text=gettext_lazy(
            "The articles are ready: publishing the edition later publishes them with it. "
            "Otherwise they are saved as drafts."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and _is_pdf_upload(upload):
            if upload.size > settings.PDF_UPLOAD_MAX_BYTES:
                raise forms.ValidationError(
                    _("The PDF is larger than %(mb)d MB.")
                    % {"mb": settings.PDF_UPLOAD_MAX_BYTES // (1024 * 1024)}
                )
            return upload
        if upload and named_as_pdf(upload.name):
            # Named as a PDF, but not one: never read as a page's text.
            raise not_a_pdf(upload.name)
        if upload and upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)d KB; a page's text is far smaller. Is it the right file?")
                % {"size": upload.size // 1024}
            )
        return upload

    def clean_publish(self):
        publish = self.cleaned_data.get("publish")
        if publish and not self.user.has_perms(PUBLISH_PERMISSIONS):
            raise forms.ValidationError(_("You may not publish editions and articles."))
        return publish

    def clean(self):
        data = super().clean()
        if data.get("publish") and data.get("submit"):
            self.add_error(
                "submit", _("Publish at once, or save for review: choose one, not both.")
            )
        upload, text = data.get("file"), data.get("text") or ""
        if upload and text.strip():
            raise forms.ValidationError(_("Upload a file or paste the text, not both."))
        if not upload and not text.strip():
            if "file" not in self.errors:
                raise forms.ValidationError(_("Upload the page's text file or paste its text."))
            return data
        if upload and _is_pdf_upload(upload):
            upload.seek(0)
            data["pdf"], data["content"] = upload.read(), ""
            data["source"] = upload.name
            return data
        try:
            data["content"] = decode(upload.read()) if upload else text
        except PageError as error:
            self.add_error("file", str(error))
        data["source"] = upload.name if upload else (data.get("file_name") or _("pasted text"))
        return data

    def options(self):
        data = self.cleaned_data
        return {
            "content": data["content"],
            "source": data["source"],
            "date": data["date"].isoformat() if data.get("date") else None,
            "page_number": data.get("page_number"),
            "publish": bool(data.get("publish")),
            "submit": bool(data.get("submit")),
            "pdf": None,
        }


def _is_pdf_upload(upload):
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    return head == b"%PDF-"


class PageImportView(View):
    model_admin = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(ADD_PERMISSIONS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render_form(request, PageImportForm(user=request.user))

    def post(self, request):
        if "confirm" in request.POST:
            return self.confirm(request)
        form = PageImportForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render_form(request, form)
        options = form.options()
        if form.cleaned_data.get("pdf") is not None:
            return self.preview_pdf(request, form, options)
        try:
            report = self.run(request, options, dry_run=True)
        except PageError as error:
            message = _("%(source)s: %(error)s") % {"source": options["source"], "error": error}
            if form.cleaned_data.get("file"):
                # A browser cannot give a chosen file back: its text goes in the box instead, so
                # that what it lacks (its date, its page) is added without choosing it again.
                data = request.POST.copy()
                data.update({"text": options["content"], "file_name": options["source"]})
                form = PageImportForm(data, user=request.user)
                form.is_valid()
                message = _("%(error)s The file's text is in the box below.") % {"error": message}
            form.add_error(None, message)
            return self.render_form(request, form)
        payload = signing.dumps(options, salt=SIGNING_SALT, compress=True)
        context = {
            **self.context(request),
            "report": report,
            "payload": payload,
            "options": options,
            "title": _("Import a page: preview"),
        }
        return TemplateResponse(request, "admin/articles/issue/import_preview.html", context)

    def confirm(self, request):
        try:
            options = signing.loads(
                request.POST.get("payload", ""), salt=SIGNING_SALT, max_age=PREVIEW_LIFETIME
            )
            options = _checked(options)
        except (signing.BadSignature, ValueError, TypeError, KeyError):
            messages.error(
                request,
                _("This preview has expired or was altered. Please import the page again."),
            )
            return HttpResponseRedirect(reverse("admin:articles_issue_import"))
        if options["publish"] and not request.user.has_perms(PUBLISH_PERMISSIONS):
            raise PermissionDenied
        if options["pdf"]:
            return self.confirm_pdf(request, options)
        try:
            report = self.run(request, options)
        except (PageError, DatabaseError) as error:
            messages.error(request, _("The page was not saved: %(error)s") % {"error": error})
            return HttpResponseRedirect(reverse("admin:articles_issue_import"))
        message = _("Imported from the page text %(source)s: %(n)d articles.") % {
            "source": options["source"],
            "n": len(report.articles),
        }
        issue = self.record(request, report, message)
        if report.needs_attention:
            messages.warning(
                request,
                _(
                    "Some of it needs an editor's eye: see the preview's "
                    "notes, new courts and contributors."
                ),
            )
        return HttpResponseRedirect(reverse("admin:articles_issue_change", args=[issue.pk]))

    def record(self, request, report, message):
        """The imported edition, with its entry in the admin's log and the editor's message."""
        issue = Issue.objects.get(pk=report.issue_pk)
        LogEntry.objects.log_actions(
            user_id=request.user.pk,
            queryset=[issue],
            action_flag=ADDITION if report.created else CHANGE,
            change_message=message,
            single_object=True,
        )
        messages.success(request, f"{issue}: {message}")
        return issue

    def run(self, request, options, dry_run=False):
        """The import (or its preview), once; updating an existing edition needs the change
        rights, and without them the import is rolled back."""
        with transaction.atomic():
            report = import_page(
                options["content"],
                source=options["source"],
                date=parse_date(options["date"]) if options["date"] else None,
                page_number=options["page_number"],
                publish=options["publish"],
                submit=options["submit"],
                user=request.user,
                dry_run=dry_run,
            )
            if not report.created and not request.user.has_perms(CHANGE_PERMISSIONS):
                raise PageError(_("This edition exists already and you may not change it."))
        return report

    def preview_pdf(self, request, form, options):
        """Read and import the PDF, roll it back, keep the PDF for the confirmation and show the
        rendered pages with the articles' areas."""
        data = form.cleaned_data["pdf"]
        try:
            results = self.run_pdf(request, data, options, dry_run=True)
        except PageError as error:
            form.add_error(
                None, _("%(source)s: %(error)s") % {"source": options["source"], "error": error}
            )
            return self.render_form(request, form)
        pending.clean()
        token = pending.keep(request.user, data, [result.image for result in results])
        options["pdf"] = token
        payload = signing.dumps(options, salt=SIGNING_SALT, compress=True)
        pages = []
        for result in results:
            with Image.open(io.BytesIO(result.image)) as image:
                width, height = image.size
            boxes = [
                {
                    "position": placed.position,
                    "headline": placed.headline,
                    "kept": placed.kept,
                    "rects": [
                        {
                            "x": area.left * width / 100,
                            "y": area.top * height / 100,
                            "w": area.width * width / 100,
                            "h": area.height * height / 100,
                            "area": area,
                        }
                        for area in placed.areas
                    ],
                }
                for placed in result.areas
            ]
            pages.append(
                {
                    "report": result.report,
                    "image": reverse(
                        "admin:articles_issue_import_image", args=[token, result.index]
                    ),
                    "width": width,
                    "height": height,
                    "boxes": boxes,
                    "label_size": max(24, width // 60),
                }
            )
        context = {
            **self.context(request),
            "pages": pages,
            "payload": payload,
            "options": options,
            "title": _("Import a page: preview"),
        }
        return TemplateResponse(request, "admin/articles/issue/import_preview_pdf.html", context)

    def confirm_pdf(self, request, options):
        try:
            data = pending.load(request.user, options["pdf"])
        except FileNotFoundError:
            messages.error(
                request,
                _("The uploaded PDF is no longer kept (a day has passed). Please upload it again."),
            )
            return HttpResponseRedirect(reverse("admin:articles_issue_import"))
        try:
            results = self.run_pdf(request, data, options)
        except (PageError, DatabaseError, OSError) as error:
            messages.error(request, _("The page was not saved: %(error)s") % {"error": error})
            return HttpResponseRedirect(reverse("admin:articles_issue_import"))
        pending.discard(request.user, options["pdf"])
        issues = []
        for result in results:
            report = result.report
            message = _("Imported from the page PDF %(source)s: %(n)d articles.") % {
                "source": options["source"],
                "n": len(report.articles),
            }
            issue = self.record(request, report, message)
            issues.append(issue)
            for placed in result.kept_areas:
                messages.warning(
                    request,
                    _("%(headline)s: its areas were changed by hand and were kept.")
                    % {"headline": placed.headline},
                )
        return HttpResponseRedirect(reverse("admin:articles_issue_change", args=[issues[0].pk]))

    def run_pdf(self, request, data, options, dry_run=False):
        with transaction.atomic():
            results = import_pdf(
                data,
                source=options["source"],
                date=parse_date(options["date"]) if options["date"] else None,
                page_number=options["page_number"],
                publish=options["publish"],
                submit=options["submit"],
                user=request.user,
                dry_run=dry_run,
            )
            if not request.user.has_perms(CHANGE_PERMISSIONS) and any(
                not result.report.created for result in results
            ):
                raise PageError(_("This edition exists already and you may not change it."))
        return results

    def render_form(self, request, form):
        context = {**self.context(request), "form": form, "title": _("Import a page")}
        return TemplateResponse(request, "admin/articles/issue/import_page.html", context)

    def context(self, request):
        admin_site = self.model_admin.admin_site
        return {**admin_site.each_context(request), "opts": Issue._meta}


class PendingImageView(View):
    """A preview's page image, to the editor who uploaded the PDF only."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(ADD_PERMISSIONS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, token, index):
        try:
            name = pending.image_name(request.user, token, index)
        except FileNotFoundError:
            raise Http404 from None
        return FileResponse(default_storage.open(name), content_type="image/png")


def _checked(options):
    """A signed payload is ours, but check its shape before trusting it with the database."""
    if not isinstance(options, dict) or not isinstance(options["content"], str):
        raise ValueError
    page_number = options["page_number"]
    if page_number is not None and (
        not isinstance(page_number, int) or not 1 <= page_number <= 999
    ):
        raise ValueError
    if options["date"] is not None and parse_date(options["date"]) is None:
        raise ValueError
    token = options.get("pdf")
    if token is not None and not pending.TOKEN.fullmatch(str(token)):
        raise ValueError
    return {
        "pdf": token,
        "content": options["content"],
        "source": str(options["source"]),
        "date": options["date"],
        "page_number": page_number,
        "publish": bool(options["publish"]),
        "submit": bool(options.get("submit")),
    }
