"""Forms of the accounts area: the extra sign-up field, the profile and deleting an account."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import DISPLAY_NAME_MAX_LENGTH, Profile
from core.models import Municipality
from core.text import has_control_characters


def refuse_control_characters(value):
    if has_control_characters(value):
        raise ValidationError(_("This text contains characters that are not allowed."), code="control_characters")


class SignupProfileForm(forms.Form):
    """Mixed into allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS): the display name, and its order."""

    field_order = ["email", "username", "display_name", "password1", "password2"]

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=DISPLAY_NAME_MAX_LENGTH,
        help_text=_("The name other members see above your posts, for example your first and last name."),
        validators=[refuse_control_characters],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def signup(self, request, user):
        Profile.objects.update_or_create(user=user, defaults={"display_name": self.cleaned_data["display_name"]})


class ProfileForm(forms.ModelForm):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        empty_label=_("(no municipality)"),
        help_text=_("Optional: the municipality you live or work in."),
    )

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "municipality",
            "role",
            "bio",
            "is_public",
            "show_municipality",
            "show_role",
            "show_bio",
        ]
        labels = {
            "display_name": _("Display name"),
            "role": _("Role"),
            "bio": _("Short bio"),
            "is_public": _("Show a public profile page about me"),
            "show_municipality": _("Show my municipality"),
            "show_role": _("Show my role"),
            "show_bio": _("Show my bio"),
        }
        help_texts = {
            "display_name": _("The name other members see above your posts."),
            "bio": _("At most 600 characters."),
            "is_public": _("Without a public page, others only see your display name above your posts."),
        }
        widgets = {"bio": forms.Textarea(attrs={"rows": 5, "maxlength": 600})}

    visibility_fields = ("is_public", "show_municipality", "show_role", "show_bio")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("(no role)")), *self.fields["role"].choices[1:]]
        for name in ("display_name", "bio"):
            self.fields[name].validators.append(refuse_control_characters)

    def clean_display_name(self):
        value = self.cleaned_data["display_name"].strip()
        if not value:
            raise ValidationError(_("Fill in a display name."), code="required")
        return value

    def info_fields(self):
        return [field for field in self if field.name not in self.visibility_fields]

    def choice_fields(self):
        return [field for field in self if field.name in self.visibility_fields]


class DeleteAccountForm(forms.Form):
    KEEP = "keep"
    DELETE = "delete"

    posts = forms.ChoiceField(
        label=_("What happens to your posts and reactions?"),
        choices=[
            (KEEP, _("My posts stay, shown as written by a 'deleted account'")),
            (DELETE, _("My posts are deleted")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what happens to your posts.")},
    )
    password = forms.CharField(
        label=_("Your password"),
        help_text=_("To be sure it is you."),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Fill in your password.")},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("This password is not correct."), code="wrong_password")
        return password

    @property
    def keep_posts(self):
        return self.cleaned_data["posts"] == self.KEEP
