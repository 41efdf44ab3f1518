from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """Custom user from the first migration, so fields can be added without pain later."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
