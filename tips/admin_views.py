from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from tips.forms import TipImportForm
from tips.importing import ImportFailed, import_tips
from tips.models import TipCollectionPage


def import_view(request, page_id):
    """Upload a spreadsheet of tips onto one collection (editors who may edit the page)."""
    collection = get_object_or_404(TipCollectionPage, pk=page_id)
    if not collection.permissions_for_user(request.user).can_edit():
        raise PermissionDenied

    errors = []
    form = TipImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_tips(
                collection, upload, upload.name, replace=form.cleaned_data["replace"], user=request.user
            )
        except ImportFailed as failure:
            errors = failure.errors
        else:
            messages.success(request, str(result))
            return redirect("wagtailadmin_pages:edit", collection.pk)

    return TemplateResponse(
        request,
        "tips/admin/import.html",
        {
            "collection": collection,
            "form": form,
            "errors": errors,
            "edit_url": reverse("wagtailadmin_pages:edit", args=[collection.pk]),
            "page_title": _("Import tips"),
        },
        status=400 if errors else 200,
    )
