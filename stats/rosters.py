"""
Rosters: an administrator creates the correspondents and city reviewers of many courts at once
from an uploaded file (CSV in UTF-8 or GB18030, or XLSX; columns name, court, role, email).

The upload is only read and shown: a preview with a message for each bad row. Nothing is written
until the administrator confirms, and then every good row is created in one transaction (all or
nothing), each with a sign-in name made from the name's pinyin and a set-password link, as the
administrators' one-account form gives (accounts.forms.SignInForm, set_password_url).
"""

import csv
import io
import re

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.signing import BadSignature, Signer
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from pypinyin import lazy_pinyin

from accounts.forms import SignInForm, set_password_url
from accounts.roles import CITY_REVIEWERS, CORRESPONDENTS, is_administrator
from articles.models import Contributor
from courts.models import Court

HEADERS = {
    "name": {"name", "姓名", "名字"},
    "court": {"court", "法院", "单位"},
    "role": {"role", "角色", "身份"},
    "email": {"email", "e-mail", "邮箱", "电子邮箱", "电子邮件"},
}
ROLES = {
    CORRESPONDENTS: {"correspondent", "correspondents", "通讯员"},
    CITY_REVIEWERS: {"city reviewer", "city reviewers", "reviewer", "审稿", "中院审稿", "审稿人"},
}
MAX_ROWS = 2000


class RosterUploadForm(forms.Form):
    roster = forms.FileField(
        label=_("roster"),
        help_text=_(
            "CSV (UTF-8 or GB18030) or XLSX with the columns name, court, role, email "
            "(姓名, 法院, 角色, 邮箱); role is 通讯员 or 审稿."
        ),
    )


class RosterError(ValueError):
    pass


def read_rows(upload):
    """The file's rows as lists of strings (the header row included)."""
    data = upload.read()
    if upload.name.lower().endswith(".xlsx") or data[:2] == b"PK":
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        except Exception as error:  # a damaged or foreign file: say so
            raise RosterError(gettext("This is not a workbook that can be read.")) from error
        return [
            ["" if cell is None else str(cell).strip() for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise RosterError(gettext("The file is neither UTF-8 nor GB18030 text."))
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]


def columns_of(header):
    """{field: column index} from a header row, or None when the row is no header."""
    found = {}
    for index, cell in enumerate(header):
        for key, names in HEADERS.items():
            if cell.strip().lower() in names:
                found[key] = index
    return found if "name" in found and "court" in found else None


def role_of(text):
    text = (text or "").strip().lower()
    if not text:
        return CORRESPONDENTS
    for role, names in ROLES.items():
        if text in names:
            return role
    return None


def courts_by_name():
    found = {}
    for court in Court.objects.all():
        for name in court.names:
            found.setdefault(name, court)
    return found


def sign_in_name(name, taken):
    """A sign-in name from the pinyin of ``name`` (wurina), unused: wurina2, wurina3…"""
    base = re.sub(r"[^a-z0-9]", "", "".join(lazy_pinyin(name)).lower())[:24] or "user"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}{n}"
    taken.add(candidate)
    return candidate


def check(rows):
    """Each data row as a dict with its number, values and ``errors`` (empty when good)."""
    if not rows:
        raise RosterError(gettext("The file is empty."))
    columns = columns_of(rows[0])
    if columns is None:
        columns = {"name": 0, "court": 1, "role": 2, "email": 3}
        body = list(enumerate(rows, start=1))
    else:
        body = list(enumerate(rows[1:], start=2))
    if len(body) > MAX_ROWS:
        raise RosterError(gettext("A roster has at most %(n)s rows.") % {"n": MAX_ROWS})
    courts = courts_by_name()
    User = get_user_model()
    taken = {name.lower() for name in User.objects.values_list("username", flat=True)}
    with_sign_in = set(
        Contributor.objects.filter(user__isnull=False).values_list("name", "court_id")
    )
    seen, checked = set(), []

    def cell(row, key):
        index = columns.get(key)
        return row[index].strip() if index is not None and index < len(row) else ""

    for number, row in body:
        if not any(c.strip() for c in row):
            continue
        name, court_name = cell(row, "name"), cell(row, "court")
        role_text, email = cell(row, "role"), cell(row, "email")
        errors = []
        court = courts.get(court_name)
        role = role_of(role_text)
        if not name:
            errors.append(gettext("The name is missing."))
        if court is None:
            errors.append(gettext("Unknown court “%(court)s”.") % {"court": court_name})
        if role is None:
            errors.append(gettext("Unknown role “%(role)s”.") % {"role": role_text})
        elif role == CITY_REVIEWERS and court and court.level != Court.Level.INTERMEDIATE:
            errors.append(gettext("A city reviewer reviews for a city court."))
        if email:
            try:
                forms.EmailField().clean(email)
            except forms.ValidationError:
                errors.append(gettext("“%(email)s” is not an e-mail address.") % {"email": email})
        if name and court is not None:
            if (name, court.pk) in seen:
                errors.append(gettext("A duplicate of an earlier row."))
            elif (name, court.pk) in with_sign_in:
                errors.append(gettext("%(name)s already has a sign-in.") % {"name": name})
            seen.add((name, court.pk))
        checked.append(
            {
                "number": number,
                "name": name,
                "court": court.pk if court else None,
                "court_name": court.display_name if court else court_name,
                "role": role or "",
                "role_name": gettext(role) if role else role_text,
                "email": email,
                "errors": errors,
                "username": "" if errors else sign_in_name(name, taken),
            }
        )
    return checked


def create(rows, request):
    """Every good row, in one transaction: (user, link) pairs. Raises RosterError (and writes
    nothing) when a row cannot be created as previewed."""
    created = []
    with transaction.atomic():
        for row in rows:
            twin = Contributor.objects.filter(
                name=row["name"],
                court_id=row["court"],
                user__isnull=True,
                kind=Contributor.Kind.PERSON,
            ).first()
            form = SignInForm(
                data={
                    "username": row["username"],
                    "email": row["email"],
                    "name": row["name"],
                    "court": row["court"],
                    "role": row["role"],
                    "contributor": twin.pk if twin else "",
                }
            )
            if not form.is_valid():
                problems = "; ".join(
                    str(message) for messages_ in form.errors.values() for message in messages_
                )
                raise RosterError(
                    gettext("Row %(n)s could not be created (%(problems)s): nothing was written.")
                    % {"n": row["number"], "problems": problems}
                )
            user = form.save()
            created.append((row, user, set_password_url(request, user)))
    return created


SIGNER = Signer(salt="stats.rosters")


def roster(request):
    if not is_administrator(request.user):
        raise PermissionDenied
    context = {**admin.site.each_context(request), "title": gettext("Load a roster")}
    form = RosterUploadForm()
    if request.method == "POST" and "confirm" in request.POST:
        try:
            rows = SIGNER.unsign_object(request.POST.get("rows", ""))
            good = [row for row in rows if not row["errors"]]
            created = create(good, request)
        except BadSignature:
            messages.error(request, gettext("The preview was changed: upload the roster again."))
        except RosterError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                gettext("%(n)s sign-ins created. Give each person their link.")
                % {"n": len(created)},
            )
            context["created"] = created
    elif request.method == "POST":
        form = RosterUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                rows = check(read_rows(form.cleaned_data["roster"]))
            except RosterError as error:
                form.add_error("roster", str(error))
            else:
                context["rows"] = rows
                context["good"] = sum(1 for row in rows if not row["errors"])
                context["bad"] = len(rows) - context["good"]
                context["signed"] = SIGNER.sign_object(rows)
    context["form"] = form
    return TemplateResponse(request, "admin/stats/roster.html", context)
