"""An LMS-like user service for the workbench, backed by real Django users.

The workbench names the learner with ``?student=<id>``; here that id is a username. The service answers with the
same ``opt_attrs`` keys the LMS's ``DjangoXBlockUserService`` sets, so blocks behave as they will in the LMS.
"""
import hashlib
import warnings

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation
from xblock.reference.user_service import UserService, XBlockUser
from xblock.runtime import NullI18nService

ANONYMOUS_IDS = {"", "none", "anonymous"}
JUROR_GROUP = "genm_jurors"
DEMO_COURSE_ID = "course-v1:GenM+Demo+2026"


def anonymous_id_for(user, course_id):
    """A stable per-course pseudonym, as the LMS derives one from the secret key, the user and the course."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}|{user.pk}|{course_id}".encode()).hexdigest()
    return digest[:32]


class DemoUserService(UserService):
    """The workbench constructs services without arguments and sets ``.runtime`` afterwards."""

    runtime = None

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._current = None

    def get_current_user(self):
        if self._current is None:
            self._current = self._xblock_user(self._django_user())
        return self._current

    def get_anonymous_user_id(self, username, course_id):
        """Like the LMS: only staff may turn a username into an anonymous id."""
        if not self.get_current_user().opt_attrs.get("edx-platform.user_is_staff"):
            return None
        user = get_user_model().objects.filter(username=username).first()
        return anonymous_id_for(user, course_id) if user else None

    def get_user_by_anonymous_id(self, uid=None):
        """The Django user behind an anonymous id of the demo course (the current user's when ``uid`` is None)."""
        if uid is None:
            return self._django_user()
        for user in get_user_model().objects.order_by("pk"):
            if anonymous_id_for(user, DEMO_COURSE_ID) == uid:
                return user
        return None

    def _django_user(self):
        with warnings.catch_warnings():  # the workbench still names the learner through Runtime.user_id
            warnings.simplefilter("ignore")
            student_id = str(getattr(self.runtime, "user_id", "") or "")
        if student_id.lower() in ANONYMOUS_IDS:
            return None
        user, _created = get_user_model().objects.get_or_create(username=student_id[:150])
        return user

    @staticmethod
    def _xblock_user(user):
        if user is None:
            xblock_user = XBlockUser(is_current_user=True)
            xblock_user.opt_attrs.update({"edx-platform.is_authenticated": False, "edx-platform.user_id": None})
            return xblock_user
        xblock_user = XBlockUser(is_current_user=True, emails=[user.email] if user.email else [],
                                 full_name=user.get_full_name())
        is_staff = user.is_staff
        xblock_user.opt_attrs.update({
            "edx-platform.is_authenticated": True,
            "edx-platform.user_id": user.pk,
            "edx-platform.username": user.username,
            "edx-platform.user_is_staff": is_staff,
            "edx-platform.user_role": "staff" if is_staff else "student",
            "edx-platform.anonymous_user_id": anonymous_id_for(user, DEMO_COURSE_ID),
        })
        return xblock_user


class DemoI18nService(NullI18nService):
    """Translates like the LMS's XBlock i18n service: with the package's own catalogs, in the request's language.

    The workbench's service leaves ``ugettext`` untranslated, so Studio labels would stay English in the demo.
    """

    @property
    def ugettext(self):
        return translation.gettext

    @property
    def ungettext(self):
        return translation.ngettext

    def __getattr__(self, name):
        return getattr(translation, name)
