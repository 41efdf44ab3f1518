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


def appreciation_report(request):
    """The most appreciated tips, stories and lessons, for editors (counts only: no personal data exists)."""
    from django.contrib.contenttypes.models import ContentType

    from tips import appreciation
    from tips.models import Appreciation

    rows = list(Appreciation.objects.filter(count__gt=0).select_related("content_type").order_by("-count", "pk")[:100])
    objects = {}
    for content_type_id in {row.content_type_id for row in rows}:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or model._meta.label_lower not in appreciation.registry():
            continue
        ids = [row.object_id for row in rows if row.content_type_id == content_type_id]
        for obj in appreciation.public_queryset(model).filter(pk__in=ids):
            objects[(content_type_id, obj.pk)] = obj
    items = [
        {"object": objects[key], "count": row.count, "type": objects[key]._meta.verbose_name}
        for row in rows
        if (key := (row.content_type_id, row.object_id)) in objects
    ]
    return TemplateResponse(request, "tips/admin/appreciation_report.html", {"items": items})
