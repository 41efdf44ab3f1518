"""Profile, public member page and deleting an account."""

from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.deletion import delete_account
from accounts.forms import DeleteAccountForm, ProfileForm
from accounts.models import Profile
from accounts.profiles import profile_for


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile_edit(request):
    profile = profile_for(request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts_profile")
    return render(request, "account/profile_edit.html", {"form": form, "profile": profile})


def member_detail(request, username):
    """What a member chose to show; 404 for hidden, blocked and inactive members (never their email)."""
    user_model = get_user_model()
    profile = (
        Profile.objects.public()
        .select_related("user", "municipality")
        .filter(**{f"user__{user_model.USERNAME_FIELD}__iexact": username})
        .first()
    )
    if profile is None:
        raise Http404(_("There is no public profile with this name."))
    return render(request, "account/member_detail.html", {"profile": profile, "member": profile.user})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account_delete(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        delete_account(request.user, keep_posts=form.keep_posts)
        logout(request)
        if form.keep_posts:
            message = _("Your account has been deleted. Your posts now show 'deleted account'.")
        else:
            message = _("Your account and your posts have been deleted.")
        messages.success(request, message)
        return redirect("/")
    return render(request, "account/delete.html", {"form": form})
